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

-- The lexemes of `vector` whose positions or weights differ in `other` (all of them when `other` is
-- null): only their ranks can differ.
CREATE FUNCTION changed_lexemes(vector tsvector, other tsvector) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE ROWS 10
  AS $$ SELECT v.lexeme FROM (SELECT * FROM unnest(vector) EXCEPT SELECT * FROM unnest(other)) v $$;

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

-- Kept per statement, not per row: a batch (a push of a hundred records, a seed) is one statement
-- of each kind here. An edit usually changes a few words of a long text, so only the postings of
-- the lexemes whose entries it changed are rewritten. Postings are removed one by one by their key,
-- so that whatever the planner guesses of a batch's size, it never trades those index lookups for
-- a scan of every posting.
CREATE FUNCTION interactions_index_terms() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  gone record;
BEGIN
  -- Each statement names only the transition tables its kind of trigger has.
  IF TG_OP = 'UPDATE' THEN
    -- Paired by id and site: a record moved to another site has all its postings rewritten.
    FOR gone IN
      SELECT o.site_id, o.id, c.lexeme, ts_rank(o.search_vector, lexeme_query(c.lexeme)) AS rank
        FROM old_rows o
        LEFT JOIN new_rows n ON n.id = o.id AND n.site_id = o.site_id
       CROSS JOIN LATERAL changed_lexemes(o.search_vector, n.search_vector) AS c (lexeme)
    LOOP
      DELETE FROM interaction_terms
       WHERE site_id = gone.site_id AND lexeme = gone.lexeme AND rank = gone.rank AND interaction_id = gone.id;
    END LOOP;
    INSERT INTO interaction_terms (site_id, lexeme, rank, interaction_id)
      SELECT n.site_id, c.lexeme, ts_rank(n.search_vector, lexeme_query(c.lexeme)), n.id
        FROM new_rows n
        LEFT JOIN old_rows o ON o.id = n.id AND o.site_id = n.site_id
       CROSS JOIN LATERAL changed_lexemes(n.search_vector, o.search_vector) AS c (lexeme);
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO interaction_terms (site_id, lexeme, rank, interaction_id)
      SELECT n.site_id, r.lexeme, r.rank, n.id FROM new_rows n CROSS JOIN LATERAL lexeme_ranks(n.search_vector) r;
  ELSE
    FOR gone IN SELECT o.site_id, o.id, r.lexeme, r.rank FROM old_rows o CROSS JOIN LATERAL lexeme_ranks(o.search_vector) r
    LOOP
      DELETE FROM interaction_terms
       WHERE site_id = gone.site_id AND lexeme = gone.lexeme AND rank = gone.rank AND interaction_id = gone.id;
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
