-- Ranked postings for one-word searches.
--
-- Ranking a search with the GIN index means fetching and ranking every matching row before the
-- first page can be cut: for a common word that is thousands of rows per request. Most searches
-- are one word, and for one word a row's rank depends on that row and that word alone. So each
-- row's rank for each of its lexemes is kept here, in index order: a one-word page is then the
-- first entries of one index range, whatever the word's frequency. Searches of several words (and
-- phrases, negations, "or") still rank their matches from the GIN index.
--
-- The ranks are ts_rank's own, for the lexeme as a one-word query, so both paths order and page
-- identically. Triggers keep the table in step with every write, whichever process makes it.

-- A lexeme as a tsquery of that one lexeme: quoted, so no character in it reads as an operator.
CREATE FUNCTION lexeme_query(lexeme text) RETURNS tsquery
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN ('''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || '''')::tsquery;

-- Every lexeme of a search vector with the rank a one-word search for it gives the vector.
CREATE FUNCTION lexeme_ranks(vector tsvector) RETURNS TABLE (lexeme text, rank real)
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE ROWS 40
  AS $$ SELECT v.lexeme, ts_rank(vector, lexeme_query(v.lexeme)) FROM unnest(vector) v $$;

-- Tombstones keep their postings (the search filters them out as it does with the GIN index), so
-- a delete writes nothing here.
CREATE TABLE interaction_terms (
  site_id uuid NOT NULL,
  lexeme text NOT NULL,
  rank real NOT NULL,
  interaction_id uuid NOT NULL
);

INSERT INTO interaction_terms (site_id, lexeme, rank, interaction_id)
  SELECT i.site_id, r.lexeme, r.rank, i.id FROM interactions i, lexeme_ranks(i.search_vector) r;

-- Read backwards: best rank first, ties by id descending, as the search orders its hits.
ALTER TABLE interaction_terms ADD PRIMARY KEY (site_id, lexeme, rank, interaction_id);

-- Kept per statement, not per row: a batch (a push of a hundred records, a seed) is one pass of
-- each kind here. An edit usually changes a few words of a long text, so only the postings of the
-- lexemes whose entries (positions and weights) it changed are rewritten. Postings are removed one
-- by one by their key, so that whatever the planner guesses of a batch's size, it never trades
-- those index lookups for a scan of every posting.
CREATE FUNCTION interactions_index_terms() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed record;
  added_sites uuid[] := '{}';
  added_lexemes text[] := '{}';
  added_ranks real[] := '{}';
  added_ids uuid[] := '{}';
BEGIN
  -- Each statement names only the transition tables its kind of trigger has.
  IF TG_OP = 'UPDATE' THEN
    -- Ranks are computed in the query, so that each row the loop fetches is small.
    FOR changed IN
      SELECT o.id, o.site_id AS old_site, n.site_id AS new_site, c.lexeme,
             CASE WHEN c.in_old THEN ts_rank(o.search_vector, lexeme_query(c.lexeme)) END AS old_rank,
             CASE WHEN c.in_new THEN ts_rank(n.search_vector, lexeme_query(c.lexeme)) END AS new_rank
        FROM old_rows o
        JOIN new_rows n ON n.id = o.id
       CROSS JOIN LATERAL (
         SELECT coalesce(a.lexeme, b.lexeme) AS lexeme, a.lexeme IS NOT NULL AS in_old, b.lexeme IS NOT NULL AS in_new
           FROM unnest(o.search_vector) a FULL JOIN unnest(n.search_vector) b ON b.lexeme = a.lexeme
          WHERE n.site_id <> o.site_id OR a.positions IS DISTINCT FROM b.positions OR a.weights IS DISTINCT FROM b.weights) c
       WHERE o.search_vector IS DISTINCT FROM n.search_vector OR o.site_id <> n.site_id
    LOOP
      IF changed.old_rank IS NOT NULL THEN
        DELETE FROM interaction_terms
         WHERE site_id = changed.old_site AND lexeme = changed.lexeme AND rank = changed.old_rank AND interaction_id = changed.id;
      END IF;
      IF changed.new_rank IS NOT NULL THEN
        added_sites := added_sites || changed.new_site;
        added_lexemes := added_lexemes || changed.lexeme;
        added_ranks := added_ranks || changed.new_rank;
        added_ids := added_ids || changed.id;
      END IF;
    END LOOP;
    INSERT INTO interaction_terms (site_id, lexeme, rank, interaction_id)
      SELECT * FROM unnest(added_sites, added_lexemes, added_ranks, added_ids);
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO interaction_terms (site_id, lexeme, rank, interaction_id)
      SELECT n.site_id, r.lexeme, r.rank, n.id FROM new_rows n CROSS JOIN LATERAL lexeme_ranks(n.search_vector) r;
  ELSE
    FOR changed IN SELECT o.site_id, o.id, r.lexeme, r.rank FROM old_rows o CROSS JOIN LATERAL lexeme_ranks(o.search_vector) r
    LOOP
      DELETE FROM interaction_terms
       WHERE site_id = changed.site_id AND lexeme = changed.lexeme AND rank = changed.rank AND interaction_id = changed.id;
    END LOOP;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER interactions_index_terms_on_insert AFTER INSERT ON interactions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION interactions_index_terms();
CREATE TRIGGER interactions_index_terms_on_update AFTER UPDATE ON interactions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION interactions_index_terms();
CREATE TRIGGER interactions_index_terms_on_delete AFTER DELETE ON interactions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION interactions_index_terms();
