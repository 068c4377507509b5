/** The array, or a copy at least `length` long (doubling, so appends cost little on average). */
export function grown<A extends Uint32Array | Float64Array>(array: A, length: number): A {
  if (array.length >= length) return array;
  let size = Math.max(1, array.length);
  while (size < length) size *= 2;
  const copy = new (array.constructor as new (size: number) => A)(size);
  copy.set(array);
  return copy;
}
