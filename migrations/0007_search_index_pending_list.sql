-- A shorter pending list for the full-text index.
--
-- A GIN index takes new rows into an unsorted pending list and merges them into the index when the
-- list outgrows gin_pending_list_limit (4 MB by default) or at vacuum. Every search through the
-- index reads the whole list. With the default, a write-heavy site lets it grow to some 9,000
-- rows between merges, and autovacuum (when it runs at all) only comes after a fifth of the table
-- has been inserted: a search of several words then spent twice its time in the list (measured on
-- 125,000 interactions: 12.5 ms of Postgres time with 9,183 pending rows, 6.9 ms with none).
-- At 1 MB the list holds at most some 2,300 rows (1.4 ms of such a search). Smaller lists cost
-- inserts more, as each merge then finds fewer rows sharing a key: at 64 kB an insert took 0.13 ms
-- more; at 1 MB no more than at 4 MB, within the noise of the measurement.
ALTER INDEX interactions_site_search_idx SET (gin_pending_list_limit = 1024);

-- What is pending now is merged at once, not left for the next insert that finds the list full.
SELECT gin_clean_pending_list('interactions_site_search_idx'::regclass);
