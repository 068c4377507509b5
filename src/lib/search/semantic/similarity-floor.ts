/**
 * Below this cosine similarity a record is not a result, however few others there are. Measured
 * with both models the app ships for: unrelated meetings score under about 0.25, a paraphrase of
 * one over about 0.4.
 */
export const SIMILARITY_FLOOR = 0.3;
