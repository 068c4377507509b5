import { TOPICS } from '../../sync-server/demo/catalogue';

/**
 * What people type: every demo topic's search words, whole, and the same words mistyped (a letter
 * dropped, or the fourth and fifth letters swapped) and half typed (the first four letters), so
 * prefix, fuzzy and swapped-letter matching are timed too.
 */
export function benchQueries(): string[] {
  const whole = TOPICS.flatMap((topic) => topic.keywords);
  const mistyped = whole.filter((query) => query.length > 5).map((query) => query.slice(0, 3) + query.slice(4));
  const swapped = whole.filter((query) => /^\S{5}/.test(query)).map((query) => query.slice(0, 3) + query[4] + query[3] + query.slice(5));
  const halfTyped = whole.map((query) => query.slice(0, 4)).filter((query) => query.trim().length === 4);
  return [...new Set([...whole, ...mistyped, ...swapped, ...halfTyped])];
}
