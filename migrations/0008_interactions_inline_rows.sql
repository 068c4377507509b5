-- Interactions kept whole in their rows.
--
-- Postgres moves a row's long values to its TOAST table once the row passes about 2 kB. A typical
-- interaction is just under that, so a third of the rows had their CRDT state and a tenth their
-- search vector moved out (sampled with pageinspect), and reading one of them costs an index
-- lookup in the TOAST table. A search of several words reads the vector of every match: for
-- 2,000 matches that was 2.3 ms of its 10. With the target at its maximum, rows stay whole until
-- they no longer fit a page. Rows written before this keep their place until they are rewritten.
ALTER TABLE interactions SET (toast_tuple_target = 8160);
