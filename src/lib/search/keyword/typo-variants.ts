/**
 * The words one swap of neighbouring letters away: "recieve" gives "ercieve", "rceieve", …,
 * "receive". A swapped pair is the commonest typo, and to an edit distance that knows only
 * insertions, deletions and substitutions it costs two edits; matching these variants as well
 * makes it cost one (the optimal string alignment distance, Damerau's rule for a single swap).
 */
export function adjacentTranspositions(word: string): string[] {
  const variants = new Set<string>();
  for (let at = 0; at < word.length - 1; at++) {
    if (word[at] === word[at + 1]) continue;
    variants.add(word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2));
  }
  return [...variants];
}
