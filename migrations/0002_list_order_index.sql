-- The Finder's list walks a site's rows in (start_datetime, id) order with keyset pages. With id in
-- the index, Postgres reads exactly one page of rows in order instead of sorting ties; it replaces
-- the two-column index, which it covers.
CREATE INDEX interactions_site_start_id_idx ON interactions (site_id, start_datetime, id);
DROP INDEX interactions_site_start_idx;
