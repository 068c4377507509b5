import { describe, expect, it } from 'vitest';
import { buildMatrix } from '$lib/search/semantic/vector-matrix';
import { quantizeRows } from '$lib/search/semantic/vector-quantization';
import { mergeRankings, rankByBestChunk } from '$lib/search/semantic/vector-ranking';
import { dot, randomUnitVector, seededRandom, vectorNear } from './seeded-vectors';

const unit = (...values: number[]) => {
  const length = Math.hypot(...values);
  return Float32Array.from(values.map((value) => value / length));
};
const record = (id: string, vectors: Float32Array, dims = 2) => ({ id, ...quantizeRows(vectors, dims) });

describe('rankByBestChunk', () => {
  const matrix = buildMatrix(2, [
    record('east', unit(1, 0)),
    record('north', unit(0, 1)),
    // Two chunks: one far from the query, one close; the record scores as the close one.
    record('mixed', Float32Array.from([...unit(-1, 0), ...unit(1, 0.2)])),
    record('west', unit(-1, 0.1))
  ]);

  it('ranks records by cosine similarity, best first', () => {
    const hits = rankByBestChunk(matrix, unit(1, 0), { k: 10, floor: -1 });
    expect(hits.map((hit) => hit.id)).toEqual(['east', 'mixed', 'north', 'west']);
    expect(hits.map((hit) => hit.score)).toEqual([1, unit(1, 0.2)[0], 0, unit(-1, 0.1)[0]].map((score) => expect.closeTo(score, 2)));
  });

  it('scores a record as its best chunk', () => {
    const [best] = rankByBestChunk(matrix, unit(1, 0.2), { k: 1, floor: -1 });
    expect(best.id).toBe('mixed');
    expect(best.score).toBeCloseTo(1, 2);
  });

  it('says which of the record\'s chunks matched best', () => {
    const hits = rankByBestChunk(matrix, unit(1, 0.2), { k: 10, floor: -1 });
    expect(hits.find((hit) => hit.id === 'mixed')?.passage).toBe(1);
    expect(hits.find((hit) => hit.id === 'east')?.passage).toBe(0);
    const [west] = rankByBestChunk(matrix, unit(-1, 0), { k: 1, floor: -1 });
    expect(west.id).toBe('mixed');
    expect(west.passage).toBe(0);
  });

  it('keeps only the k best', () => {
    expect(rankByBestChunk(matrix, unit(1, 0), { k: 2, floor: -1 }).map((hit) => hit.id)).toEqual(['east', 'mixed']);
  });

  it('drops records below the similarity floor, however few remain', () => {
    const hits = rankByBestChunk(matrix, unit(1, 0), { k: 10, floor: 0.5 });
    expect(hits.map((hit) => hit.id)).toEqual(['east', 'mixed']);
    expect(hits.every((hit) => hit.score >= 0.5)).toBe(true);
    expect(rankByBestChunk(matrix, unit(0, -1), { k: 10, floor: 0.5 })).toEqual([]);
  });

  it('refuses a query of another size than the index', () => {
    expect(() => rankByBestChunk(matrix, unit(1, 0, 0), { k: 1, floor: 0 })).toThrow(/3 dimensions.*2/);
  });

  it('merges sites by score into one list of k', () => {
    const merged = mergeRankings(
      [
        [{ id: 'a', score: 0.9, passage: 0 }, { id: 'b', score: 0.5, passage: 0 }],
        [{ id: 'c', score: 0.7, passage: 0 }]
      ],
      2
    );
    expect(merged.map((hit) => hit.id)).toEqual(['a', 'c']);
  });
});

describe('rankByBestChunk on a site large enough for the sign shortlist', () => {
  const DIMS = 256;
  const random = seededRandom(5);
  const query = randomUnitVector(random, DIMS);
  // Ten records planted at cosines 0.95 down to 0.5 from the query, among 6,000 random ones
  // (whose cosines with it stay near 0 ± 0.06): the exact ranking is not in doubt.
  const planted = Array.from({ length: 10 }, (_, n) => ({ id: `near-${n}`, vectors: vectorNear(random, query, 0.95 - 0.05 * n) }));
  const others = Array.from({ length: 6000 }, (_, n) => ({ id: `other-${n}`, vectors: randomUnitVector(random, DIMS) }));
  // Planted records spread through the site, not first.
  const records = [...others.slice(0, 3000), ...planted, ...others.slice(3000)];
  const matrix = buildMatrix(DIMS, records.map(({ id, vectors }) => record(id, vectors, DIMS)));

  it('ranks as the exact float32 ranking does', () => {
    const exact = records
      .map(({ id, vectors }) => ({ id, score: dot(vectors, query) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 10);
    const hits = rankByBestChunk(matrix, query, { k: 10, floor: -1 });
    expect(hits.map((hit) => hit.id)).toEqual(planted.map((near) => near.id));
    expect(hits.map((hit) => hit.id)).toEqual(exact.map((hit) => hit.id));
    hits.forEach((hit, n) => expect(hit.score).toBeCloseTo(exact[n].score, 2));
  });
});
