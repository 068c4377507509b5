import { openSiteDatabase, type FinderFilters, type LocalInteraction } from '$lib/db';
import { toLocalInteraction, type InteractionDocument } from '$lib/db/local-interaction';
import { leadMatcher } from '$lib/db/lead-match';
import { KEYWORD_CANDIDATES, SEMANTIC_CANDIDATES, hybridRanking, type RankedId } from './fusion';
import type { KeywordFilters, KeywordHit } from './keyword/keyword-index';
import { keywordSearch } from './keyword/keyword-indexing';
import { semanticSearch } from './semantic-source';

import type { SearchMode } from './search-modes';

export interface SearchRequest {
  siteIds: readonly string[];
  text: string;
  mode: SearchMode;
  /** The Finder's filters; `text` is ignored (the search replaces it). */
  filters?: FinderFilters;
  /** Most rows returned; 100 when omitted. */
  limit?: number;
}

export interface SearchHit {
  row: LocalInteraction;
  /** Words to mark in the row: what the keyword index matched, else the query's own words. */
  terms: string[];
}

export interface SearchAnswer {
  hits: SearchHit[];
  /** Whether meaning was part of the ranking; `unavailable` when it was asked for and could not be. */
  semantic: 'used' | 'not-asked' | 'unavailable';
}


/** Searches the sites' local records, ranked, with the Finder's filters applied. */
export async function searchInteractions(request: SearchRequest): Promise<SearchAnswer> {
  const text = request.text.trim();
  const limit = request.limit ?? 100;
  if (!text || request.siteIds.length === 0) return { hits: [], semantic: 'not-asked' };
  const filters = keywordFilters(request.filters);

  const [keyword, semantic] = await Promise.all([
    request.mode === 'semantic' ? null : keywordSearch({ siteIds: request.siteIds, query: text, filters, limit: KEYWORD_CANDIDATES }),
    request.mode === 'keyword' ? null : semanticSearch([...request.siteIds], text, SEMANTIC_CANDIDATES).catch(() => null)
  ]);
  const semanticState = request.mode === 'keyword' ? 'not-asked' : semantic ? 'used' : 'unavailable';
  // Meaning alone, when it cannot be had, falls back to words rather than to nothing.
  const keywordHits = keyword ?? (semantic ? [] : await keywordSearch({ siteIds: request.siteIds, query: text, filters, limit: KEYWORD_CANDIDATES }));

  const ranked: RankedId[] = hybridRanking(keywordHits, semantic);
  const rows = await readRows(ranked);
  const termsById = new Map(keywordHits.map((hit: KeywordHit) => [hit.id, hit.terms]));
  const queryWords = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const hits = ranked
    .map((hit) => rows.get(hit.id))
    .filter((row): row is LocalInteraction => row !== undefined && matchesFilters(row, filters))
    .slice(0, limit)
    .map((row) => ({ row, terms: termsById.get(row.id) ?? queryWords }));
  return { hits, semantic: semanticState };
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
