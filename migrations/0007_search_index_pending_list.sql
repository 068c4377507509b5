-- A short pending list for the full-text index.
--
-- A GIN index takes new rows into an unsorted pending list and merges them into the index when the
-- list outgrows gin_pending_list_limit (4 MB by default) or at vacuum. Every search through the
-- index reads the whole list. With the default, a write-heavy site lets it grow to some 9,000
-- rows between merges, and autovacuum (when it runs at all) only comes after a fifth of the table
-- has been inserted: a search of several words then spent twice its time in the list (measured on
-- 125,000 interactions: 12.5 ms of Postgres time with 9,183 pending rows, 6.9 ms with none).
-- At 64 kB (the least allowed) the list holds about 150 rows; merging them more often cost
-- inserts nothing measurable (1,000 inserts took as long with 64 kB as with 4 MB).
ALTER INDEX interactions_site_search_idx SET (gin_pending_list_limit = 64);

-- What is pending now is merged at once, not left for the next insert that finds the list full.
SELECT gin_clean_pending_list('interactions_site_search_idx'::regclass);
