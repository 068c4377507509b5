/**
 * Keys whose ascending order is the descending order of the values they encode.
 *
 * RxDB's open-source Dexie storage walks every index forwards only: a query sorted `desc` reads
 * all matching rows and sorts them in JavaScript, which is too slow at 100k rows. Storing this
 * inverted key and sorting it ascending gives the same order straight from an index.
 *
 * Each UTF-16 code unit becomes two characters in U+0100..U+01FF holding the inverted high and low
 * byte, so the key never contains a lone surrogate (inverting a unit into one character would turn
 * U+2000..U+27FF, e.g. "–", into surrogates). Each part ends with U+0200, above every digit
 * character, so a value sorts after the longer values it is a prefix of ("Ann" after "Anna").
 */
const DIGIT_BASE = 0x100;
const PART_END = String.fromCharCode(0x200);

/** Greater than every character a descending key contains; used to build range bounds. */
const ABOVE_ANY_KEY_CHARACTER = '\uffff';

/** Encodes the values (compared left to right, like a tuple) into one descending key. */
export function descendingKey(...parts: string[]): string {
  let key = '';
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      const inverted = 0xffff - part.charCodeAt(i);
      key += String.fromCharCode(DIGIT_BASE + (inverted >> 8), DIGIT_BASE + (inverted & 0xff));
    }
    key += PART_END;
  }
  return key;
}

/** The longest key made from parts of at most these many UTF-16 code units each. */
export function descendingKeyMaxLength(...maxCodeUnits: number[]): number {
  return maxCodeUnits.reduce((sum, units) => sum + 2 * units + 1, 0);
}

/**
 * Bounds on a key made by `descendingKey(value, ...more)` that hold exactly when
 * `from <= value < to`: the key of any value at or after `from` sorts below `descendingKey(from)`
 * followed by a character above all key characters, and likewise for `to`.
 */
export function descendingKeyRange(range: { from?: string; to?: string }): { $lt?: string; $gt?: string } {
  const bounds: { $lt?: string; $gt?: string } = {};
  if (range.from !== undefined) bounds.$lt = descendingKey(range.from) + ABOVE_ANY_KEY_CHARACTER;
  if (range.to !== undefined) bounds.$gt = descendingKey(range.to) + ABOVE_ANY_KEY_CHARACTER;
  return bounds;
}
