// A search hit's headline: its description and notes from a match on, the matched words marked.
//
// ts_headline parses and stems every word it is given (about 2 µs a word: given the whole text it
// was 90% of a one-word search's time in Postgres). Its default algorithm shows a match and the
// dozen or so words after it (fragments, which also show words before a match, were given up for
// it), so it is given only a window of the text that starts at a word beginning with the letters
// of a searched lexeme. Which words match is still decided by ts_headline alone; when the window
// holds none (the word found was another word sharing those letters, as "auditors" for "audit",
// or a stem is not the start of its word, as "safeti" of "safety"), the whole text is headlined,
// as before.

export const HIGHLIGHT_START = '\uE000';
export const HIGHLIGHT_END = '\uE001';

/**
 * Characters headlined from the match on. The headline stops at the first long word after 12
 * words: 99% of the demo data's snippets fit in 100 characters (the rest end a word or two early).
 */
export const WINDOW_CHARS = 100;

export const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=30, MinWords=12`;

/**
 * A FROM item `q` for a search text (the placeholder `text`), built once for the statement (OFFSET
 * 0: flattened, a generic plan builds the tsquery again for every row it ranks): `query`, the text
 * as a tsquery; `words`, its lexemes; `any_word`, a tsquery that any of them satisfies in the
 * description or notes (weights B and C; the title is A); `word_start`, a case-blind pattern for a
 * word starting with one of them, each character escaped.
 */
export function searchTermsSql(text: string): string {
  return `(SELECT websearch_to_tsquery('english', ${text}) AS query, t.words,
                  (SELECT string_agg(lexeme_query(w)::text || ':BC', ' | ') FROM unnest(t.words) w)::tsquery AS any_word,
                  '(?i)\\m(?:' || (SELECT string_agg(regexp_replace(w, '([^[:alnum:]])', '\\\\\\1', 'g'), '|') FROM unnest(t.words) w) || ')'
                    AS word_start
             FROM (SELECT tsvector_to_array(to_tsvector('english', ${text})) AS words) t
           OFFSET 0) q`;
}

/**
 * Where in `text` a word starts with one of the searched lexemes, 0 when none does. A one-word
 * search first looks for the lexeme as written, a plain substring search: the case-blind pattern
 * alone was 13% of a one-word search's time in Postgres.
 */
function firstWordStart(text: string): string {
  const plain = `strpos(${text}, q.words[1])`;
  return `CASE WHEN cardinality(q.words) = 1 AND ${plain} > 0
                    AND (${plain} = 1 OR substr(${text}, ${plain} - 1, 1) !~ '[[:alnum:]]')
               THEN ${plain}
               ELSE regexp_instr(${text}, q.word_start) END`;
}

/**
 * A LATERAL join giving `snippet.headline` for the interaction `i` and the search terms `q`, with
 * `options` the placeholder of HEADLINE_OPTIONS. Each OFFSET 0 keeps its step a subquery computed
 * once per row: flattened, its expressions would be copied into every use, ts_headline included.
 */
export function snippetJoin(options: string): string {
  const text = `i.description || E'\\n' || coalesce(i.notes, '')`;
  // Near the end of the text the window starts earlier, so a short tail still gets its words.
  const start = `CASE WHEN found.marks AND found.at > 0 THEN greatest(1, least(found.at, found.chars - ${WINDOW_CHARS} + 1)) ELSE 1 END`;
  return `
    CROSS JOIN LATERAL (
      SELECT CASE WHEN near.marks AND strpos(near.headline, '${HIGHLIGHT_START}') = 0
                  THEN ts_headline('english', near.text, q.query, ${options})
                  ELSE near.headline END AS headline
        FROM (
          SELECT cut.text, cut.marks, ts_headline('english', cut.window, q.query, ${options}) AS headline
            FROM (
              -- Words cut in two at either end are left out: stemmed, a piece could match ("volunt"
              -- of "voluntary"). A window without a space to cut at is left empty, and falls back.
              SELECT raw.text, raw.marks,
                     CASE WHEN strpos(raw.window, ' ') = 0 AND (raw.cut_start OR raw.cut_end) THEN ''
                          ELSE substr(CASE WHEN raw.cut_end THEN left(raw.window, length(raw.window) - strpos(reverse(raw.window), ' ')) ELSE raw.window END,
                                      CASE WHEN raw.cut_start THEN strpos(raw.window, ' ') + 1 ELSE 1 END) END AS window
                FROM (
                  SELECT found.text, found.marks, substr(found.text, ${start}, ${WINDOW_CHARS}) AS window,
                         ${start} > 1 AND ${start} < found.at AS cut_start,
                         ${start} + ${WINDOW_CHARS} <= found.chars AS cut_end
                    FROM (
                      -- When only the title holds the words there is nothing to mark, and the window
                      -- is the text's first words, which is what ts_headline shows then.
                      SELECT ${text} AS text, length(${text}) AS chars,
                             coalesce(i.search_vector @@ q.any_word, false) AS marks,
                             ${firstWordStart(text)} AS at
                      OFFSET 0) found
                  OFFSET 0) raw
              OFFSET 0) cut
          OFFSET 0) near
    ) snippet`;
}
