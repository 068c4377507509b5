-- Administration (issue 14): organisation administrators, site settings, invitations and an audit log.

-- Addresses that differ only by case are one person: invitations and administrator grants are bound
-- by address, so two accounts sharing one would make that binding a guess. Duplicates are refused,
-- never merged: merging accounts moves records between people, a decision for the operator.
DO $$
DECLARE
  duplicates text;
BEGIN
  SELECT string_agg(address, ', ' ORDER BY address) INTO duplicates
    FROM (SELECT lower(email) AS address FROM users WHERE email <> '' GROUP BY lower(email) HAVING count(*) > 1) AS d;
  IF duplicates IS NOT NULL THEN
    RAISE EXCEPTION 'users.email must be unique ignoring case, but these addresses belong to more than one account: %. Change or clear the email of all but one account of each (UPDATE users SET email = '''' WHERE id = ...), then start again.', duplicates;
  END IF;
END;
$$;
CREATE UNIQUE INDEX users_email_key ON users (lower(email)) WHERE email <> '';

ALTER TABLE users ADD COLUMN org_admin boolean NOT NULL DEFAULT false;

ALTER TABLE sites
  ADD COLUMN time_zone varchar(64) NOT NULL DEFAULT 'UTC',
  ADD COLUMN archived_at timestamptz,
  ADD COLUMN retired_interaction_types varchar(50)[] NOT NULL DEFAULT '{}';

-- Invitations wait for someone who has never signed in; they are bound at their first verified sign-in.
CREATE TABLE site_invitations (
  id uuid PRIMARY KEY,
  site_id uuid NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  email varchar(320) NOT NULL,
  role varchar(10) NOT NULL CHECK (role IN ('admin', 'user', 'viewer')),
  invited_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX site_invitations_site_email_key ON site_invitations (site_id, lower(email));
CREATE INDEX site_invitations_email_idx ON site_invitations (lower(email));

-- Organisation administration granted to an address nobody has signed in with yet (granted_by null:
-- the command line).
CREATE TABLE org_admin_invitations (
  email varchar(320) NOT NULL,
  granted_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX org_admin_invitations_email_key ON org_admin_invitations (lower(email));

-- Who changed membership, invitations, sites and administrators. actor_id null: the command line.
-- The subject is kept by address too, so an entry still says whom it was about after that account goes.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  site_id uuid REFERENCES sites (id) ON DELETE CASCADE,
  actor_id uuid REFERENCES users (id),
  action varchar(40) NOT NULL,
  subject_user_id uuid,
  subject_email varchar(320),
  details jsonb NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_site_idx ON audit_log (site_id, id);

-- Archiving or restoring a site changes every member's access at once: announced per member, as a
-- membership change is (0004), so their open streams end and their devices purge or refetch the site.
CREATE FUNCTION sites_announce_archive() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.archived_at IS DISTINCT FROM OLD.archived_at THEN
    PERFORM pg_notify('site_access_changed', json_build_object('userId', us.user_id, 'siteId', NEW.id)::text)
       FROM user_sites us WHERE us.site_id = NEW.id;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER sites_announce_archive AFTER UPDATE OF archived_at ON sites
  FOR EACH ROW EXECUTE FUNCTION sites_announce_archive();
