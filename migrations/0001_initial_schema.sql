-- The data model of DESIGN §2. Every table holding site data carries site_id, so the schema can be
-- distributed by site when one Postgres is outgrown.

CREATE TABLE sites (
  id uuid PRIMARY KEY,
  name varchar(100) NOT NULL,
  description text,
  interaction_types varchar(50)[] NOT NULL
    DEFAULT ARRAY['Meeting', 'Call', 'Email', 'Site visit', 'Workshop', 'Other']::varchar(50)[],
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Identity comes from the token's subject; no passwords are stored.
CREATE TABLE users (
  id uuid PRIMARY KEY,
  auth_subject varchar(255) NOT NULL UNIQUE,
  email varchar(320) NOT NULL,
  name varchar(200) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_login timestamptz
);

-- The only source of site access.
CREATE TABLE user_sites (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  site_id uuid NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  role varchar(10) NOT NULL CHECK (role IN ('admin', 'user', 'viewer')),
  PRIMARY KEY (site_id, user_id)
);
CREATE INDEX user_sites_user_idx ON user_sites (user_id);

-- The replication sequence: one counter for all sites, so a checkpoint is a single number.
CREATE SEQUENCE interactions_server_seq;

CREATE TABLE interactions (
  id uuid PRIMARY KEY,
  site_id uuid NOT NULL REFERENCES sites (id),
  title varchar(100) NOT NULL,
  type varchar(50) NOT NULL,
  lead varchar(100) NOT NULL,
  start_datetime timestamptz NOT NULL,
  end_datetime timestamptz NOT NULL,
  timezone varchar(64) NOT NULL,
  location varchar(200),
  description text NOT NULL,
  notes text,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted boolean NOT NULL DEFAULT false,
  -- A merged CRDT state may break a rule (end before start). It is kept and flagged, never dropped,
  -- which is why end > start is checked where a record is validated and not as a constraint here.
  needs_review boolean NOT NULL DEFAULT false,
  crdt bytea NOT NULL,
  server_seq bigint NOT NULL DEFAULT nextval('interactions_server_seq'),
  search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(description, '')), 'B') ||
    setweight(to_tsvector('english', coalesce(notes, '')), 'C')
  ) STORED
);
ALTER SEQUENCE interactions_server_seq OWNED BY interactions.server_seq;

CREATE INDEX interactions_site_idx ON interactions (site_id);
CREATE INDEX interactions_site_type_idx ON interactions (site_id, type);
CREATE INDEX interactions_site_start_idx ON interactions (site_id, start_datetime);
CREATE UNIQUE INDEX interactions_site_seq_idx ON interactions (site_id, server_seq);
CREATE INDEX interactions_search_idx ON interactions USING gin (search_vector);

-- The audit trail: who changed what, when they made the change and when the server received it.
CREATE TABLE interaction_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  interaction_id uuid NOT NULL REFERENCES interactions (id),
  site_id uuid NOT NULL REFERENCES sites (id),
  user_id uuid NOT NULL REFERENCES users (id),
  action varchar(10) NOT NULL CHECK (action IN ('create', 'update', 'delete')),
  changed_fields varchar(50)[] NOT NULL,
  authored_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX interaction_history_interaction_idx ON interaction_history (interaction_id, id);
