/**
 * A priority queue that hands out the most recently changed item first (a binary max-heap on an
 * ISO timestamp). Items superseded or withdrawn while queued are skipped by the caller's check
 * when they come out, which is cheaper than finding them inside the heap.
 */
export class NewestFirstQueue<T extends { updatedAt: string }> {
  readonly #heap: T[] = [];

  get size(): number {
    return this.#heap.length;
  }

  push(item: T): void {
    const heap = this.#heap;
    heap.push(item);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (heap[parent].updatedAt >= heap[index].updatedAt) break;
      [heap[parent], heap[index]] = [heap[index], heap[parent]];
      index = parent;
    }
  }

  pop(): T | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length === 0 || last === undefined) return top;
    heap[0] = last;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let largest = index;
      if (left < heap.length && heap[left].updatedAt > heap[largest].updatedAt) largest = left;
      if (right < heap.length && heap[right].updatedAt > heap[largest].updatedAt) largest = right;
      if (largest === index) return top;
      [heap[largest], heap[index]] = [heap[index], heap[largest]];
      index = largest;
    }
  }

  clear(): void {
    this.#heap.length = 0;
  }
}
