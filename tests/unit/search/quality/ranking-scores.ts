import type { RankedId } from '$lib/search/fusion';
import { QUERY_KINDS, type EvaluationQuery, type QueryKind } from './evaluation-set';

export const CUTOFF = 10;
export const RANKERS = ['keyword', 'semantic', 'best'] as const;
export type Ranker = (typeof RANKERS)[number];

export interface Scores {
  recall: number;
  mrr: number;
}

export type QueryResults = Map<EvaluationQuery, Record<Ranker, Scores>>;

/** Recall at the cutoff (of what fits in it) and the reciprocal rank of the first relevant hit. */
export function score(ranking: readonly RankedId[], relevant: ReadonlySet<string>): Scores {
  const top = ranking.slice(0, CUTOFF).map((hit) => hit.id);
  const found = top.filter((id) => relevant.has(id)).length;
  const first = top.findIndex((id) => relevant.has(id));
  return { recall: found / Math.min(CUTOFF, relevant.size), mrr: first < 0 ? 0 : 1 / (first + 1) };
}

/**
 * The half of the set the ranking's thresholds were fitted on: every other query of each kind,
 * starting with the first. The other half was never looked at while fitting.
 */
export function fittingHalf(set: readonly EvaluationQuery[]): Set<EvaluationQuery> {
  return new Set(QUERY_KINDS.flatMap((kind) => set.filter((query) => query.kind === kind).filter((_, index) => index % 2 === 0)));
}

/** Mean scores of one ranker over the queries that pass `include`. */
export function meanScores(results: QueryResults, ranker: Ranker, include: (query: EvaluationQuery) => boolean): Scores {
  const scores = [...results].filter(([query]) => include(query)).map(([, by]) => by[ranker]);
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return { recall: mean(scores.map((entry) => entry.recall)), mrr: mean(scores.map((entry) => entry.mrr)) };
}

/** The per-kind table the test prints, for one group of queries (all, or one half). */
export function scoreTable(results: QueryResults, title: string, inGroup: (query: EvaluationQuery) => boolean): string {
  const lines = [title, `${'queries'.padEnd(24)}${RANKERS.map((name) => `${name} R@10 / MRR`.padStart(24)).join('')}`];
  const kinds: (QueryKind | undefined)[] = [undefined, ...QUERY_KINDS.filter((kind) => kind !== 'no-answer')];
  for (const kind of kinds) {
    const include = (query: EvaluationQuery) => inGroup(query) && (kind ? query.kind === kind : true);
    const count = [...results.keys()].filter(include).length;
    const cells = RANKERS.map((ranker) => {
      const { recall, mrr } = meanScores(results, ranker, include);
      return `${recall.toFixed(3)} / ${mrr.toFixed(3)}`.padStart(24);
    });
    lines.push(`${`${kind ?? 'all answerable'} (${count})`.padEnd(24)}${cells.join('')}`);
  }
  return lines.join('\n');
}
