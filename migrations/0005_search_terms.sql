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
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
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

-- An edit usually changes a few words of a long text: only the postings whose rank changed are
-- rewritten, not every lexeme of the record.
CREATE FUNCTION interactions_index_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM interaction_terms t
     USING (SELECT * FROM lexeme_ranks(OLD.search_vector)
            EXCEPT SELECT * FROM lexeme_ranks(NEW.search_vector) WHERE NEW.site_id = OLD.site_id) gone
     WHERE t.site_id = OLD.site_id AND t.lexeme = gone.lexeme AND t.rank = gone.rank AND t.interaction_id = OLD.id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO interaction_terms (site_id, lexeme, rank, interaction_id)
      SELECT NEW.site_id, added.lexeme, added.rank, NEW.id
        FROM (SELECT * FROM lexeme_ranks(NEW.search_vector)
              EXCEPT SELECT * FROM lexeme_ranks(OLD.search_vector) WHERE TG_OP = 'UPDATE' AND NEW.site_id = OLD.site_id) added;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER interactions_index_terms_on_insert AFTER INSERT ON interactions
  FOR EACH ROW EXECUTE FUNCTION interactions_index_terms();
CREATE TRIGGER interactions_index_terms_on_update AFTER UPDATE ON interactions
  FOR EACH ROW WHEN (OLD.search_vector IS DISTINCT FROM NEW.search_vector OR OLD.site_id IS DISTINCT FROM NEW.site_id)
  EXECUTE FUNCTION interactions_index_terms();
CREATE TRIGGER interactions_index_terms_on_delete AFTER DELETE ON interactions
  FOR EACH ROW EXECUTE FUNCTION interactions_index_terms();
