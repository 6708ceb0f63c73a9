/**
 * The live keys of the memory driver in code point order, so that a prefix is one contiguous run
 * found by binary search: a list reads the keys under its prefix and no others.
 */
import { compareKeys } from '../keys.ts';

/** A sorted set of keys; `visited` counts the entries reads have looked at (tests check it stays flat). */
export class SortedKeys {
  readonly #keys: string[] = [];
  #visited = 0;

  /** How many entries binary searches and scans have looked at so far. */
  get visited(): number {
    return this.#visited;
  }

  /** Adds `key` (nothing happens if it is there). */
  add(key: string): void {
    const at = this.#lowerBound(key);
    if (this.#keys[at] !== key) this.#keys.splice(at, 0, key);
  }

  /** Removes `key` (nothing happens if it is not there). */
  delete(key: string): void {
    const at = this.#lowerBound(key);
    if (this.#keys[at] === key) this.#keys.splice(at, 1);
  }

  /** The keys starting with `prefix`, in order. */
  withPrefix(prefix: string): string[] {
    const found: string[] = [];
    for (let at = this.#lowerBound(prefix); at < this.#keys.length; at++) {
      const key = this.#keys[at] ?? '';
      this.#visited++;
      if (!key.startsWith(prefix)) break;
      found.push(key);
    }
    return found;
  }

  /** Forgets every key. */
  clear(): void {
    this.#keys.length = 0;
  }

  /** The index of the first key not below `key` (the keys under a prefix start there). */
  #lowerBound(key: string): number {
    let low = 0;
    let high = this.#keys.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      this.#visited++;
      if (compareKeys(this.#keys[middle] ?? '', key) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
