-- Full-text search always runs within one site (the queries search each of the reader's sites on
-- its own). With the site and the search vector in one GIN index, the index yields that site's
-- matches alone; with two separate indexes Postgres intersected the text index's matches with a
-- bitmap of every row of the site, which for a large site cost more than the search itself.
-- btree_gin lets GIN hold the plain site column; it is a trusted extension, which the database's
-- owner may create.
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX interactions_site_search_idx ON interactions USING gin (site_id, search_vector);
DROP INDEX interactions_search_idx;
