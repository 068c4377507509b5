import fp from 'fastify-plugin';
import { ROLES, isIsoInstant, isUuid, roleAllows } from '../../src/lib/domain';
import type { Database } from '../db/database';
import {
  listInteractionPage,
  oneWordLexeme,
  searchInteractionPage,
  type InteractionFilter,
  type ListedInteraction,
  type SearchHit,
  type SortField
} from '../repositories/interaction-queries';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../repositories/search-snippet';
import type { Actor } from './actor';
import { decodeCursor, encodeCursor } from './cursor';
import { requireSiteRole } from './site-access';

declare module 'fastify' {
  interface FastifyInstance {
    finder: InteractionFinder;
  }
}

export interface FinderFilter {
  /** One site, or every site of the caller when absent. */
  siteId?: string;
  type?: string;
  lead?: string;
  from?: string;
  to?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface HighlightedText {
  text: string;
  match: boolean;
}

export interface FoundInteraction extends ListedInteraction {
  rank: number;
  snippet: HighlightedText[];
}

export interface InteractionFinder {
  list(actor: Actor, query: FinderFilter & { sort: string; cursor?: string; limit: number }): Promise<Page<ListedInteraction>>;
  search(actor: Actor, query: FinderFilter & { q: string; cursor?: string; limit: number }): Promise<Page<FoundInteraction>>;
}

/** Read queries over the server's copy: the Finder's list and Postgres full-text search. */
export function createInteractionFinder(db: Database): InteractionFinder {
  const lexemeOf = rememberedByText((text) => oneWordLexeme(db, text));

  function scope({ userId }: Actor, { siteId, ...rest }: FinderFilter): InteractionFilter {
    return { reader: { userId, roles: READ_ROLES }, siteId, ...rest };
  }

  // The queries read only the caller's sites, so a page with rows proves membership. An empty page
  // of one named site may instead mean "not a member", which must answer 403: checked only then.
  async function assertReadable({ userId }: Actor, rows: unknown[], siteId: string | undefined): Promise<void> {
    if (rows.length === 0 && siteId !== undefined) await requireSiteRole(db, { userId, siteId, action: 'read' });
  }

  return {
    async list(actor, { sort, cursor, limit, ...filter }) {
      const descending = sort.startsWith('-');
      const field = (descending ? sort.slice(1) : sort) as SortField;
      const after = cursor ? decodeCursor(`list:${sort}`, cursor, isListPosition(field)) : undefined;
      const rows = await listInteractionPage(db, {
        filter: scope(actor, filter),
        sort: { field, descending },
        after: after && { value: after[0], id: after[1] },
        limit: limit + 1
      });
      await assertReadable(actor, rows, filter.siteId);
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return {
        items,
        nextCursor: rows.length > limit && last ? encodeCursor(`list:${sort}`, [last[field], last.id]) : null
      };
    },

    async search(actor, { q, cursor, limit, ...filter }) {
      const after = cursor ? decodeCursor(`search:${q}`, cursor, isSearchPosition) : undefined;
      const rows = await searchInteractionPage(db, {
        text: q,
        lexeme: await lexemeOf(q),
        filter: scope(actor, filter),
        after: after && { rank: after[0], id: after[1] },
        limit: limit + 1
      });
      await assertReadable(actor, rows, filter.siteId);
      const items = rows.slice(0, limit).map(withSnippet);
      const last = items.at(-1);
      return {
        items,
        nextCursor: rows.length > limit && last ? encodeCursor(`search:${q}`, [last.rank, last.id]) : null
      };
    }
  };
}

// How a text reads as a search depends on the text alone, so it is asked once per text; the bound
// keeps a stream of distinct searches from growing memory.
const REMEMBERED_TEXTS = 1_000;

function rememberedByText<T>(compute: (text: string) => Promise<T>): (text: string) => Promise<T> {
  const known = new Map<string, T>();
  return async (text) => {
    if (known.has(text)) return known.get(text) as T;
    const value = await compute(text);
    if (known.size >= REMEMBERED_TEXTS) known.delete(known.keys().next().value as string);
    known.set(text, value);
    return value;
  };
}

// Every role reads today; derived rather than assumed, so a new role that may not read is excluded.
const READ_ROLES = ROLES.filter((role) => roleAllows(role, 'read'));

const TIMESTAMP_SORTS: ReadonlySet<SortField> = new Set(['startDatetime', 'endDatetime', 'createdAt', 'updatedAt']);

function isListPosition(field: SortField) {
  return (position: unknown[]): position is [string, string] =>
    position.length === 2 &&
    typeof position[0] === 'string' &&
    !position[0].includes('\u0000') &&
    (!TIMESTAMP_SORTS.has(field) || isIsoInstant(position[0])) &&
    typeof position[1] === 'string' &&
    isUuid(position[1]);
}

function isSearchPosition(position: unknown[]): position is [number, string] {
  return position.length === 2 && isStoredRank(position[0]) && typeof position[1] === 'string' && isUuid(position[1]);
}

// Ranks are Postgres `real`s from ts_rank, never negative: a cursor's rank outside what a real holds
// would fail the comparison's cast with an overflow or underflow.
const REAL_MIN_NORMAL = 1.1754943508222875e-38;
const REAL_MAX = 3.4028234663852886e38;

function isStoredRank(rank: unknown): rank is number {
  return typeof rank === 'number' && (rank === 0 || (rank >= REAL_MIN_NORMAL && rank <= REAL_MAX));
}

/**
 * The headline as segments rather than HTML: the text is the user's own and must never be
 * interpreted as markup by whoever renders it.
 */
function withSnippet({ headline, ...hit }: SearchHit): FoundInteraction {
  const snippet: HighlightedText[] = [];
  for (const [index, part] of headline.split(HIGHLIGHT_START).entries()) {
    const [matched, rest] = index === 0 ? [undefined, part] : part.split(HIGHLIGHT_END);
    if (matched) snippet.push({ text: matched, match: true });
    if (rest) snippet.push({ text: rest, match: false });
  }
  return { ...hit, snippet };
}

export default fp(
  async (app) => {
    app.decorate('finder', createInteractionFinder(app.db));
  },
  { name: 'interaction-finder', dependencies: ['db'] }
);
