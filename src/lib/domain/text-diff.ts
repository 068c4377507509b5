import type * as Y from 'yjs';

/**
 * Rewrites a Y.Text to `next` by deleting and inserting only the span that differs. Replacing the
 * whole text instead would turn a one-letter edit into a delete of everything, and a concurrent
 * edit by someone else would then lose its surroundings.
 */
export function applyTextDiff(text: Y.Text, next: string, caret?: number): void {
  const current = text.toString();
  if (current === next) return;
  if (caret !== undefined && applyAtCaret(text, current, next, caret)) return;

  let start = 0;
  const maxStart = Math.min(current.length, next.length);
  while (start < maxStart && current.charCodeAt(start) === next.charCodeAt(start)) start++;

  let endCurrent = current.length;
  let endNext = next.length;
  while (
    endCurrent > start &&
    endNext > start &&
    current.charCodeAt(endCurrent - 1) === next.charCodeAt(endNext - 1)
  ) {
    endCurrent--;
    endNext--;
  }

  // Never cut a surrogate pair in half: an emoji split across the edit boundary would be corrupted.
  if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--;
  if (endCurrent < current.length && isLowSurrogate(current.charCodeAt(endCurrent))) {
    endCurrent++;
    endNext++;
  }

  if (endCurrent > start) text.delete(start, endCurrent - start);
  if (endNext > start) text.insert(start, next.slice(start, endNext));
}

/**
 * Typing or deleting next to the same character is ambiguous: "ab" + "b" may be an insert at 1 or
 * at 2. The text is the same either way, but not whose character comes first, nor where a
 * character typed at the same moment elsewhere lands; two people both typing " x" at the end of a
 * title would get their spaces swapped. `caret` (where the caret is in `next`) says which: an
 * insertion ends there, a deletion happened there. Returns false when it does not settle the edit.
 */
function applyAtCaret(text: Y.Text, current: string, next: string, caret: number): boolean {
  const length = Math.abs(next.length - current.length);
  const shorter = Math.min(current.length, next.length);
  const longer = current.length > next.length ? current : next;
  const other = longer === current ? next : current;
  let prefix = 0;
  while (prefix < shorter && longer.charCodeAt(prefix) === other.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter && longer.charCodeAt(longer.length - 1 - suffix) === other.charCodeAt(other.length - 1 - suffix)) suffix++;
  // Only a plain insertion or deletion of one run: everything else is a replacement.
  if (length === 0 || prefix + suffix < shorter) return false;
  const at = next.length > current.length ? caret - length : caret;
  if (at < shorter - suffix || at > prefix) return false;
  if (splitsPair(longer, at) || splitsPair(longer, at + length)) return false;
  if (next.length > current.length) text.insert(at, next.slice(at, at + length));
  else text.delete(at, length);
  return true;
}

function splitsPair(value: string, index: number): boolean {
  return index > 0 && index < value.length && isHighSurrogate(value.charCodeAt(index - 1)) && isLowSurrogate(value.charCodeAt(index));
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
