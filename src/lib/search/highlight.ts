export interface TextSegment {
  text: string;
  /** This part matched the search. */
  match: boolean;
}

/**
 * Splits `text` into the parts that match any of `terms` and the rest. A term matches where a word
 * starts with it, ignoring case, so "budget" marks "Budgets" and a prefix marks the typed start.
 */
export function highlightSegments(text: string, terms: readonly string[]): TextSegment[] {
  const words = [...new Set(terms.map((term) => term.trim()).filter((term) => term.length > 1))];
  if (!text || words.length === 0) return [{ text, match: false }];
  // Longest first, so "budgets" wins over "budget" where both match.
  words.sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(escapeRegex).join('|')})`, 'giu');
  const segments: TextSegment[] = [];
  let last = 0;
  for (const found of text.matchAll(pattern)) {
    const start = found.index;
    if (start > last) segments.push({ text: text.slice(last, start), match: false });
    segments.push({ text: found[0], match: true });
    last = start + found[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), match: false });
  return segments;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
