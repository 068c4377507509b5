-- Replication reads a site's changes in commit order, so that no change is ever skipped.
--
-- server_seq is taken from a sequence while a transaction runs, so a transaction can take a lower
-- number and commit after a higher one has been read; a checkpoint on server_seq would then step
-- past it for good. Instead every write stamps the row with its transaction id, and a pull reads
-- only rows whose transaction is older than the oldest one still running
-- (pg_snapshot_xmin(pg_current_snapshot())). Below that watermark every transaction has ended, so
-- the set of rows there can no longer change: ordered by (sync_xid, id), a checkpoint is final.
-- A later write of a row stamps a newer id, which is always above every watermark read before it.
ALTER TABLE interactions ADD COLUMN sync_xid xid8 NOT NULL DEFAULT pg_current_xact_id();

CREATE FUNCTION interactions_stamp_sync_xid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.sync_xid := pg_current_xact_id();
  RETURN NEW;
END;
$$;
CREATE TRIGGER interactions_stamp_sync_xid BEFORE UPDATE ON interactions
  FOR EACH ROW EXECUTE FUNCTION interactions_stamp_sync_xid();

CREATE INDEX interactions_site_sync_idx ON interactions (site_id, sync_xid, id);

-- Every committed change is announced, whichever process or tool made it: NOTIFY is delivered at
-- commit (never for a rolled-back write) and repeats within one transaction are sent once.
CREATE FUNCTION interactions_announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('interactions_changed', NEW.site_id::text);
  RETURN NULL;
END;
$$;
CREATE TRIGGER interactions_announce_change AFTER INSERT OR UPDATE ON interactions
  FOR EACH ROW EXECUTE FUNCTION interactions_announce_change();

-- A membership removed or changed is announced too, so open streams can end at once.
CREATE FUNCTION user_sites_announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('site_access_changed', json_build_object('userId', OLD.user_id, 'siteId', OLD.site_id)::text);
  RETURN NULL;
END;
$$;
CREATE TRIGGER user_sites_announce_change AFTER UPDATE OR DELETE ON user_sites
  FOR EACH ROW EXECUTE FUNCTION user_sites_announce_change();
