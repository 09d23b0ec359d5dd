/**
 * The first `size` items of a stream in `compare` order, without sorting the whole stream: the ranked
 * analyses look at every candidate in the network but return a page of them.
 */
export class TopK<T> {
  private readonly items: T[] = [];

  constructor(
    private readonly size: number,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  /** Whether an item ranked like this would be kept (so a caller can skip building it). */
  wouldKeep(item: T): boolean {
    const last = this.items.at(-1);
    return this.items.length < this.size || (last !== undefined && this.compare(item, last) < 0);
  }

  offer(item: T): void {
    if (!this.wouldKeep(item)) return;
    // Binary search for the first item that ranks after this one; equal items keep their arrival order.
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.compare(this.items[middle] as T, item) <= 0) low = middle + 1;
      else high = middle;
    }
    this.items.splice(low, 0, item);
    if (this.items.length > this.size) this.items.pop();
  }

  /** The kept items, best first. */
  sorted(): T[] {
    return [...this.items];
  }
}

/** Compares two ids as Cypher's ORDER BY does (by code point, which for ASCII ids is plain `<`). */
export function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
