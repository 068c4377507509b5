import { resolve } from 'node:path';
import { indexedDB } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateInteractions } from '../../../../sync-server/demo/generate-interactions';
import { KEYWORD_CANDIDATES, SEMANTIC_CANDIDATES, hybridRanking, type RankedId } from '$lib/search/fusion';
import { STOP_WORDS } from '$lib/search/keyword/keyword-options';
import { KeywordService } from '$lib/search/keyword/keyword-service';
import {
  SIMILARITY_FLOOR,
  SemanticEngine,
  deleteVectorStore,
  loadTransformersEmbeddings,
  openVectorStore,
  semanticText
} from '$lib/search/semantic/core';
import { EVALUATION_SET, type EvaluationQuery, type QueryKind } from './evaluation-set';

// The demo data as `npm start` seeds it, and the small model the tests use (README: Search).
const DEMO_INTERACTIONS = 500;
const MODELS_DIR = resolve(process.env.MODELS_DIR ?? '../shared/models');
const MODEL_ID = 'local/universal-sentence-encoder-lite';
const CUTOFF = 10;

type Ranker = 'keyword' | 'semantic' | 'hybrid';
interface Scores {
  recall: number;
  mrr: number;
}

const demo = [...generateInteractions({ count: DEMO_INTERACTIONS })];
const siteIds = [...new Set(demo.map(({ interaction }) => interaction.siteId))];

function relevantIds(query: EvaluationQuery): Set<string> {
  return new Set(
    demo
      .filter(({ topicId, interaction }) => query.topics.includes(topicId) && (!query.type || interaction.type === query.type))
      .map(({ interaction }) => interaction.id)
  );
}

/** Recall at the cutoff (of what fits in it) and the reciprocal rank of the first relevant hit. */
function score(ranking: readonly RankedId[], relevant: Set<string>): Scores {
  const top = ranking.slice(0, CUTOFF).map((hit) => hit.id);
  const found = top.filter((id) => relevant.has(id)).length;
  const first = top.findIndex((id) => relevant.has(id));
  return { recall: found / Math.min(CUTOFF, relevant.size), mrr: first < 0 ? 0 : 1 / (first + 1) };
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

// The words the keyword index sees: stop words are never indexed, so they cannot be shared.
const words = (text: string) =>
  text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0 && !STOP_WORDS.has(word));

describe('search quality on the demo data', () => {
  const results = new Map<EvaluationQuery, Record<Ranker, Scores>>();

  beforeAll(async () => {
    const keyword = new KeywordService({ indexedDB, saveDelayMs: 60_000 });
    const embeddings = await loadTransformersEmbeddings({ modelId: MODEL_ID, localModelPath: `${MODELS_DIR}/`, allowHub: false });
    const semantic = new SemanticEngine({
      embeddings,
      modelId: MODEL_ID,
      stores: { open: (siteId) => openVectorStore(indexedDB, siteId), delete: (siteId) => deleteVectorStore(indexedDB, siteId) }
    });
    for (const siteId of siteIds) {
      const records = demo.map(({ interaction }) => interaction).filter((interaction) => interaction.siteId === siteId);
      await keyword.apply(siteId, records.map((record) => ({ ...record, isDeleted: false })), null);
      await semantic.updateRecords(
        siteId,
        records.map((record) => ({ id: record.id, text: semanticText(record), updatedAt: record.updatedAt }))
      );
    }
    await semantic.whenIdle();

    for (const query of EVALUATION_SET) {
      const relevant = relevantIds(query);
      const keywordHits = await keyword.search({ siteIds, query: query.query, limit: KEYWORD_CANDIDATES });
      const semanticHits = await semantic.search({ siteIds, query: query.query, k: SEMANTIC_CANDIDATES, floor: SIMILARITY_FLOOR });
      results.set(query, {
        keyword: score(keywordHits, relevant),
        semantic: score(semanticHits, relevant),
        hybrid: score(hybridRanking(keywordHits, semanticHits), relevant)
      });
    }
    printReport(results);
  }, 300_000);

  function overall(ranker: Ranker, kind?: QueryKind): Scores {
    const scores = [...results].filter(([query]) => !kind || query.kind === kind).map(([, by]) => by[ranker]);
    return { recall: mean(scores.map((entry) => entry.recall)), mrr: mean(scores.map((entry) => entry.mrr)) };
  }

  it('holds at least 60 queries of every kind, each with records to find', () => {
    expect(EVALUATION_SET.length).toBeGreaterThanOrEqual(60);
    for (const kind of ['exact', 'typo', 'paraphrase', 'filter-mix'] as const) {
      expect(EVALUATION_SET.filter((query) => query.kind === kind).length).toBeGreaterThanOrEqual(10);
    }
    for (const query of EVALUATION_SET) expect(relevantIds(query).size, query.query).toBeGreaterThan(0);
  });

  it('has paraphrases that share no word with the records they should find', () => {
    for (const query of EVALUATION_SET.filter((entry) => entry.kind === 'paraphrase')) {
      const relevant = relevantIds(query);
      const text = demo
        .filter(({ interaction }) => relevant.has(interaction.id))
        .map(({ interaction }) => [interaction.title, interaction.type, interaction.location, interaction.description, interaction.notes].join(' '))
        .join(' ');
      const recordWords = new Set(words(text));
      expect(words(query.query).filter((word) => recordWords.has(word)), query.query).toEqual([]);
    }
  });

  it('ranks better with both rankings fused than with either alone', () => {
    const hybrid = overall('hybrid');
    for (const alone of ['keyword', 'semantic'] as const) {
      expect(hybrid.recall, `recall@10, hybrid against ${alone}`).toBeGreaterThan(overall(alone).recall);
      expect(hybrid.mrr, `MRR, hybrid against ${alone}`).toBeGreaterThan(overall(alone).mrr);
    }
  });

  it('finds by meaning the paraphrases that keywords miss', () => {
    const semantic = overall('semantic', 'paraphrase');
    const keyword = overall('keyword', 'paraphrase');
    expect(semantic.recall).toBeGreaterThan(keyword.recall + THRESHOLDS.paraphraseRecallGain);
    expect(rescuedParaphrases().length).toBeGreaterThanOrEqual(THRESHOLDS.paraphrasesRescued);
  });

  it('keeps each ranking at least as good as measured when the thresholds were set', () => {
    for (const ranker of ['keyword', 'semantic', 'hybrid'] as const) {
      expect(overall(ranker).recall, `${ranker} recall@10`).toBeGreaterThanOrEqual(THRESHOLDS[ranker].recall);
      expect(overall(ranker).mrr, `${ranker} MRR`).toBeGreaterThanOrEqual(THRESHOLDS[ranker].mrr);
    }
    expect(overall('keyword', 'typo').recall, 'keyword recall@10 on typos').toBeGreaterThanOrEqual(THRESHOLDS.keywordTypoRecall);
  });

  /** Paraphrases keywords find nothing relevant for in the top ten, and meaning does. */
  function rescuedParaphrases(): EvaluationQuery[] {
    return [...results]
      .filter(([query, by]) => query.kind === 'paraphrase' && by.keyword.mrr === 0 && by.semantic.mrr > 0)
      .map(([query]) => query);
  }

  function printReport(by: Map<EvaluationQuery, Record<Ranker, Scores>>): void {
    const lines = [`search quality: ${by.size} queries over ${DEMO_INTERACTIONS} demo interactions, ${MODEL_ID}`];
    lines.push(`${'queries'.padEnd(16)}${['keyword', 'semantic', 'hybrid'].map((name) => `${name} R@10 / MRR`.padStart(24)).join('')}`);
    for (const kind of [undefined, 'exact', 'typo', 'paraphrase', 'filter-mix'] as const) {
      const count = [...by.keys()].filter((query) => !kind || query.kind === kind).length;
      const cells = (['keyword', 'semantic', 'hybrid'] as const).map((ranker) => {
        const { recall, mrr } = overall(ranker, kind);
        return `${recall.toFixed(3)} / ${mrr.toFixed(3)}`.padStart(24);
      });
      lines.push(`${`${kind ?? 'all'} (${count})`.padEnd(16)}${cells.join('')}`);
    }
    lines.push(`paraphrases found by meaning and missed by keywords: ${rescuedParaphrases().length}`);
    console.log(lines.join('\n'));
  }
});

/**
 * A little under the figures measured with the test model (three runs: keyword 0.487–0.489 /
 * 0.694–0.709, semantic 0.469–0.470 / 0.685–0.695, hybrid 0.588–0.595 / 0.802–0.803; typos
 * 0.704 by keyword; paraphrases 0.04 by keyword against 0.50 by meaning, 15 of 18 rescued).
 * The embedding runtime's float sums vary in the last digits between runs, hence the margin.
 */
const THRESHOLDS = {
  keyword: { recall: 0.45, mrr: 0.65 },
  semantic: { recall: 0.42, mrr: 0.62 },
  hybrid: { recall: 0.54, mrr: 0.75 },
  keywordTypoRecall: 0.65,
  paraphraseRecallGain: 0.35,
  paraphrasesRescued: 12
};
