import { resolve } from 'node:path';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateInteractions } from '../../../../sync-server/demo/generate-interactions';
import { KEYWORD_CANDIDATES, SEMANTIC_CANDIDATES, bestMatch, type FusedHit } from '$lib/search/fusion';
import { STOP_WORDS, queryTerms } from '$lib/search/keyword/keyword-options';
import { KeywordService } from '$lib/search/keyword/keyword-service';
import { SIMILARITY_FLOOR } from '$lib/search/semantic/similarity-floor';
import { SemanticEngine } from '$lib/search/semantic/semantic-engine';
import { deleteVectorStore, openVectorStore } from '$lib/search/semantic/vector-store';
import { loadTransformersEmbeddings } from '$lib/search/semantic/transformers-embeddings';
import { semanticText } from '$lib/search/semantic/record-text';
import { EVALUATION_SET, QUERY_KINDS, type EvaluationQuery, type QueryKind } from './evaluation-set';
import { fittingHalf, meanScores, score, scoreTable, type QueryResults } from './ranking-scores';

// The demo data as `npm start` seeds it, and the small model the tests use (README: Search).
const DEMO_INTERACTIONS = 500;
const MODELS_DIR = resolve(process.env.MODELS_DIR ?? '../shared/models');
const MODEL_ID = 'local/universal-sentence-encoder-lite';
/** Best match may lose this little to the better single ranking on a kind of query, no more. */
const FLOOR_OF_BETTER = 0.95;

const demo = [...generateInteractions({ count: DEMO_INTERACTIONS })];
const siteIds = [...new Set(demo.map(({ interaction }) => interaction.siteId))];
const answerable = (query: EvaluationQuery) => query.relevant !== null;

function relevantIds(query: EvaluationQuery): Set<string> {
  const relevance = query.relevant;
  if (!relevance) return new Set();
  const { topics, type, lead, place } = relevance;
  return new Set(
    demo
      .filter(
        ({ topicId, interaction }) =>
          (!topics || topics.includes(topicId)) &&
          (!type || interaction.type === type) &&
          (!lead || interaction.lead === lead) &&
          (!place || (interaction.location ?? '').toLowerCase().includes(place.toLowerCase()))
      )
      .map(({ interaction }) => interaction.id)
  );
}

// The words the keyword index sees: stop words are never indexed, so they cannot be shared.
const words = (text: string) =>
  text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0 && !STOP_WORDS.has(word));

describe('search quality on the demo data', () => {
  const results: QueryResults = new Map();
  /** Best match's whole list for each query no record is about. */
  const noAnswerLists = new Map<EvaluationQuery, FusedHit[]>();
  const fitting = fittingHalf(EVALUATION_SET);

  beforeAll(async () => {
    const keyword = new KeywordService({ indexedDB, saveDelayMs: 60_000 });
    const embeddings = await loadTransformersEmbeddings({ modelId: MODEL_ID, localModelPath: `${MODELS_DIR}/`, allowHub: false });
    const semantic = new SemanticEngine({
      embeddings,
      modelId: MODEL_ID,
      // One record at a time: in a batch a record is padded to its partners' length, which moves
      // its vector in the last digits, and which partners it gets depends on timing. Alone, every
      // run embeds it the same, so the figures below do not drift between runs.
      batchSize: 1,
      stores: { open: (siteId) => openVectorStore({ indexedDB, IDBKeyRange }, siteId), delete: (siteId) => deleteVectorStore(indexedDB, siteId) }
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
      const keywordHits = await keyword.search({ siteIds, query: query.query, limit: KEYWORD_CANDIDATES });
      const semanticHits = await semantic.search({ siteIds, query: query.query, k: SEMANTIC_CANDIDATES, floor: SIMILARITY_FLOOR });
      const best = bestMatch({ queryWords: queryTerms(query.query).length, keyword: keywordHits, meaning: semanticHits });
      if (!answerable(query)) {
        noAnswerLists.set(query, best);
        continue;
      }
      const relevant = relevantIds(query);
      results.set(query, {
        keyword: score(keywordHits, relevant),
        semantic: score(semanticHits, relevant),
        best: score(best, relevant)
      });
    }
    const heldOut = (query: EvaluationQuery) => !fitting.has(query);
    console.log(
      [
        `search quality: ${EVALUATION_SET.length} queries over ${DEMO_INTERACTIONS} demo interactions, ${MODEL_ID}`,
        scoreTable(results, 'every query', () => true),
        scoreTable(results, 'the half the thresholds were fitted on', (query) => fitting.has(query)),
        scoreTable(results, 'the held-out half', heldOut),
        `queries about nothing in the data: ${noAnswerLists.size}, with a strong match: ${withStrongMatch().length}`,
        `paraphrases found by meaning and missed by keywords: ${rescuedParaphrases().length}`
      ].join('\n\n')
    );
  }, 300_000);

  const ofKind = (kind?: QueryKind) => (query: EvaluationQuery) => !kind || query.kind === kind;
  const isParaphrase = (query: EvaluationQuery) => query.kind === 'short-paraphrase' || query.kind === 'long-paraphrase';

  it('holds at least 120 queries, ten of every kind, and records to find for all but the no-answer ones', () => {
    expect(EVALUATION_SET.length).toBeGreaterThanOrEqual(120);
    for (const kind of QUERY_KINDS) expect(EVALUATION_SET.filter(ofKind(kind)).length, kind).toBeGreaterThanOrEqual(10);
    for (const query of EVALUATION_SET.filter(answerable)) expect(relevantIds(query).size, query.query).toBeGreaterThan(0);
  });

  it('has paraphrases that share no word with the records they should find', () => {
    for (const query of EVALUATION_SET.filter(isParaphrase)) {
      const relevant = relevantIds(query);
      const text = demo
        .filter(({ interaction }) => relevant.has(interaction.id))
        .map(({ interaction }) => [interaction.title, interaction.type, interaction.location, interaction.description, interaction.notes].join(' '))
        .join(' ');
      const recordWords = new Set(words(text));
      expect(words(query.query).filter((word) => recordWords.has(word)), query.query).toEqual([]);
    }
  });

  it.each(QUERY_KINDS.filter((kind) => kind !== 'no-answer'))(
    `ranks %s queries by best match at least ${FLOOR_OF_BETTER} of the better single ranking`,
    (kind) => {
      const best = meanScores(results, 'best', ofKind(kind));
      const keyword = meanScores(results, 'keyword', ofKind(kind));
      const semantic = meanScores(results, 'semantic', ofKind(kind));
      expect(best.recall, 'recall@10').toBeGreaterThanOrEqual(FLOOR_OF_BETTER * Math.max(keyword.recall, semantic.recall));
      expect(best.mrr, 'MRR').toBeGreaterThanOrEqual(FLOOR_OF_BETTER * Math.max(keyword.mrr, semantic.mrr));
    }
  );

  it('ranks better by best match than by either ranking alone over the whole set', () => {
    const best = meanScores(results, 'best', answerable);
    for (const alone of ['keyword', 'semantic'] as const) {
      expect(best.recall, `recall@10, best match against ${alone}`).toBeGreaterThan(meanScores(results, alone, answerable).recall);
      expect(best.mrr, `MRR, best match against ${alone}`).toBeGreaterThan(meanScores(results, alone, answerable).mrr);
    }
  });

  it('gives no strong match to a query about something no record covers', () => {
    expect(noAnswerLists.size).toBeGreaterThanOrEqual(10);
    expect(withStrongMatch().map((query) => query.query)).toEqual([]);
  });

  it('finds by meaning the paraphrases that keywords miss', () => {
    const semantic = meanScores(results, 'semantic', isParaphrase);
    const keyword = meanScores(results, 'keyword', isParaphrase);
    expect(semantic.recall).toBeGreaterThan(keyword.recall + 0.3);
    expect(rescuedParaphrases().length).toBeGreaterThanOrEqual(15);
  });

  function withStrongMatch(): EvaluationQuery[] {
    return [...noAnswerLists].filter(([, list]) => list.some((hit) => hit.strong)).map(([query]) => query);
  }

  /** Paraphrases keywords find nothing relevant for in the top ten, and meaning does. */
  function rescuedParaphrases(): EvaluationQuery[] {
    return [...results]
      .filter(([query, by]) => isParaphrase(query) && by.keyword.mrr === 0 && by.semantic.mrr > 0)
      .map(([query]) => query);
  }
});
