import { openSiteDatabase, type FinderFilters, type LocalInteraction } from '$lib/db';
import { toLocalInteraction, type InteractionDocument } from '$lib/db/local-interaction';
import { leadMatcher } from '$lib/db/lead-match';
import { KEYWORD_CANDIDATES, SEMANTIC_CANDIDATES, bestMatch, type RankedId } from './fusion';
import type { KeywordFilters, KeywordHit } from './keyword/keyword-index';
import { keywordSearch } from './keyword/keyword-indexing';
import { queryTerms } from './keyword/keyword-options';
import { meaningPassage } from './meaning-passage';
import type { SemanticHit } from './semantic/semantic-engine';
import { semanticSearch } from './semantic/semantic-indexing';

import type { SearchAnswer } from './search-answer';
import type { SearchMode } from './search-modes';

export type { SearchAnswer, SearchHit } from './search-answer';

export interface SearchRequest {
  siteIds: readonly string[];
  text: string;
  mode: SearchMode;
  /** The Finder's filters; `text` is ignored (the search replaces it). */
  filters?: FinderFilters;
  /** Most rows returned; 100 when omitted. */
  limit?: number;
}

/** One search's answers: the keyword ranking, at once, and the ranking asked for, once it can be had. */
export interface SearchStages {
  keyword: Promise<SearchAnswer>;
  final: Promise<SearchAnswer>;
}

/** Searches the sites' local records, ranked as asked, with the Finder's filters applied. */
export function searchInteractions(request: SearchRequest): Promise<SearchAnswer> {
  return searchInStages(request).final;
}

/**
 * The search in two stages. Keywords answer in milliseconds; meaning waits for its model, which a
 * new device spends many seconds loading, so the keyword ranking is offered first (see
 * ranking-transition.ts for how the Finder moves from one to the other).
 */
export function searchInStages(request: SearchRequest): SearchStages {
  const text = request.text.trim();
  if (!text || request.siteIds.length === 0) {
    const nothing = Promise.resolve<SearchAnswer>({ hits: [], semantic: 'not-asked' });
    return { keyword: nothing, final: nothing };
  }
  const filters = keywordFilters(request.filters);
  const limit = request.limit ?? 100;
  const queryWords = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const answer = async (
    ranked: readonly RankedId[],
    keywordHits: readonly KeywordHit[],
    meaningHits: readonly SemanticHit[] | null,
    semantic: SearchAnswer['semantic']
  ) => {
    const termsById = new Map(keywordHits.map((hit) => [hit.id, hit.terms]));
    // Only where no word explains the match: a record found by its words shows them marked.
    const passageById = new Map((meaningHits ?? []).filter((hit) => !termsById.has(hit.id)).map((hit) => [hit.id, hit.passage]));
    const rows = await readRows(ranked);
    const shown = ranked
      .map((hit) => rows.get(hit.id))
      .filter((row): row is LocalInteraction => row !== undefined && matchesFilters(row, filters))
      .slice(0, limit);
    const hits = await Promise.all(
      shown.map(async (row) => {
        const passage = passageById.get(row.id);
        return {
          row,
          terms: termsById.get(row.id) ?? queryWords,
          ...(passage === undefined ? {} : { passage: await meaningPassage(row, passage) })
        };
      })
    );
    return { hits, semantic };
  };

  // Asked for even in Meaning mode: it is what shows until meaning can answer, and if it cannot.
  const keywordHits = keywordSearch({ siteIds: request.siteIds, query: text, filters, limit: KEYWORD_CANDIDATES });
  if (request.mode === 'keyword') {
    const only = keywordHits.then((hits) => answer(hits, hits, null, 'not-asked'));
    return { keyword: only, final: only };
  }
  const semanticHits = semanticSearch([...request.siteIds], text, SEMANTIC_CANDIDATES).catch(() => null);
  const final = Promise.all([keywordHits, semanticHits]).then(([keyword, semantic]) => {
    // Meaning alone, when it cannot be had, falls back to words rather than to nothing.
    const ranked = request.mode === 'semantic' && semantic ? semantic : bestMatch({ queryWords: queryTerms(text).length, keyword, meaning: semantic });
    return answer(ranked, keyword, semantic, semantic ? 'used' : 'unavailable');
  });
  return { keyword: keywordHits.then((hits) => answer(hits, hits, null, 'pending')), final };
}

/** The filters in the index's terms: instants in UTC, as the index stores them. */
function keywordFilters(filters: FinderFilters = {}): KeywordFilters {
  const utc = (instant: string | undefined) => (instant ? new Date(instant).toISOString() : undefined);
  return { type: filters.type || undefined, lead: filters.lead || undefined, from: utc(filters.from), to: utc(filters.to) };
}

function matchesFilters(row: LocalInteraction, filters: KeywordFilters): boolean {
  const leadMatches = leadMatcher(filters.lead ?? '');
  const start = new Date(row.startDatetime).toISOString();
  return (
    !row.deleted &&
    (!filters.type || row.type === filters.type) &&
    leadMatches(row.lead) &&
    (!filters.from || start >= filters.from) &&
    (!filters.to || start < filters.to)
  );
}

async function readRows(hits: readonly RankedId[]): Promise<Map<string, LocalInteraction>> {
  const bySite = new Map<string, string[]>();
  for (const hit of hits) bySite.set(hit.siteId, [...(bySite.get(hit.siteId) ?? []), hit.id]);
  const rows = new Map<string, LocalInteraction>();
  await Promise.all(
    [...bySite].map(async ([siteId, ids]) => {
      const { interactions } = await openSiteDatabase(siteId);
      const found = await interactions.findByIds(ids).exec();
      for (const document of found.values()) {
        rows.set(document.id, toLocalInteraction(document.toJSON() as InteractionDocument));
      }
    })
  );
  return rows;
}
