-- Title, lead and location became texts that merge as several people type in them at once, like
-- the description (src/lib/domain/crdt.ts). Merged typing can pass a field's limit, and such a
-- record is stored and flagged for review rather than refused, so their columns hold ten times the
-- limit a person may type (MERGED_TEXT_HEADROOM in src/lib/domain/interaction-schema.ts).
--
-- The stored CRDT states need no rewrite: every replica upgrades an old state as it reads it, to
-- the very same bytes (src/lib/domain/legacy-registers.ts), and stores the upgraded state with its
-- next write. Rewriting every row here would make every device download every record again.
--
-- Postgres cannot change the type of a column that a generated column reads, so the search vector
-- is dropped and made again; it is the same expression, and its index is rebuilt with it, with the
-- short pending list of 0007.
ALTER TABLE interactions DROP COLUMN search_vector;
ALTER TABLE interactions
  ALTER COLUMN title TYPE varchar(1000),
  ALTER COLUMN lead TYPE varchar(1000),
  ALTER COLUMN location TYPE varchar(2000);
ALTER TABLE interactions ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
  setweight(to_tsvector('english', coalesce(description, '')), 'B') ||
  setweight(to_tsvector('english', coalesce(notes, '')), 'C')
) STORED;
CREATE INDEX interactions_site_search_idx ON interactions USING gin (site_id, search_vector)
  WITH (gin_pending_list_limit = 1024);
