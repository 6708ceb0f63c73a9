/**
 * A fixed-size bit set over `[0, size)`, packed 32 bits to a word so that a /12 service CIDR
 * (about a million addresses) costs 128 KiB and a free bit is found a word at a time.
 */

const WORD_BITS = 32;

/** Index (0–31) of the lowest set bit of a non-zero 32-bit word. */
function lowestSetBit(word: number): number {
  return 31 - Math.clz32(word & -word);
}

/** A set of small non-negative integers, one bit each; counts its members as it goes. */
export class Bitmap {
  /** How many bits the map holds; valid indexes are `0 … size-1`. */
  readonly size: number;
  private readonly words: Uint32Array;
  private members = 0;

  /** An empty map of `size` bits. */
  constructor(size: number) {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`invalid bitmap size ${size}`);
    this.size = size;
    this.words = new Uint32Array(Math.ceil(size / WORD_BITS));
  }

  /** How many bits are set. */
  get count(): number {
    return this.members;
  }

  /** Whether bit `index` is set; indexes outside the map are never set. */
  has(index: number): boolean {
    if (!this.inRange(index)) return false;
    return ((this.word(index) >>> (index % WORD_BITS)) & 1) === 1;
  }

  /** Sets bit `index`; returns false (and changes nothing) when it was already set. */
  set(index: number): boolean {
    this.check(index);
    if (this.has(index)) return false;
    const w = Math.floor(index / WORD_BITS);
    this.words[w] = this.word(index) | (1 << (index % WORD_BITS));
    this.members++;
    return true;
  }

  /** Clears bit `index`; returns false when it was not set (including outside the map). */
  clear(index: number): boolean {
    if (!this.has(index)) return false;
    const w = Math.floor(index / WORD_BITS);
    this.words[w] = this.word(index) & ~(1 << (index % WORD_BITS));
    this.members--;
    return true;
  }

  /** The lowest clear bit in `[from, to)`, or -1 when every bit there is set. */
  firstClear(from: number, to: number): number {
    const end = Math.min(to, this.size);
    let index = Math.max(0, from);
    while (index < end) {
      const w = Math.floor(index / WORD_BITS);
      // Invert so free bits read as 1, then mask off the bits below `index` in this word.
      const free = ~(this.words[w] ?? 0) & (-1 << (index % WORD_BITS));
      if (free !== 0) {
        const found = w * WORD_BITS + lowestSetBit(free);
        return found < end ? found : -1;
      }
      index = (w + 1) * WORD_BITS;
    }
    return -1;
  }

  /** Calls `fn` for each set bit in ascending order. */
  forEach(fn: (index: number) => void): void {
    this.words.forEach((value, w) => {
      let word = value;
      while (word !== 0) {
        const bit = lowestSetBit(word);
        fn(w * WORD_BITS + bit);
        word &= ~(1 << bit);
      }
    });
  }

  /** An independent copy. */
  copy(): Bitmap {
    const twin = new Bitmap(this.size);
    twin.words.set(this.words);
    twin.members = this.members;
    return twin;
  }

  /**
   * The bits as a big-endian unsigned integer with no leading zero bytes — the `data` layout of
   * upstream's RangeAllocation (Go's `big.Int.Bytes()`), so a snapshot can be stored where upstream stores it.
   */
  toBytes(): Uint8Array {
    let highest = -1;
    this.forEach((index) => (highest = index));
    const length = highest < 0 ? 0 : Math.floor(highest / 8) + 1;
    const bytes = new Uint8Array(length);
    for (let k = 0; k < length; k++) {
      bytes[length - 1 - k] = ((this.words[k >>> 2] ?? 0) >>> ((k & 3) * 8)) & 0xff;
    }
    return bytes;
  }

  /** The inverse of `toBytes`; bits at or beyond `size` cannot be allocated, so they are dropped. */
  static fromBytes(size: number, bytes: Uint8Array): Bitmap {
    const map = new Bitmap(size);
    bytes.forEach((value, position) => {
      const low = (bytes.length - 1 - position) * 8;
      for (let bit = 0; bit < 8; bit++) {
        if ((value >>> bit) & 1 && low + bit < size) map.set(low + bit);
      }
    });
    return map;
  }

  private word(index: number): number {
    return this.words[Math.floor(index / WORD_BITS)] ?? 0;
  }

  private inRange(index: number): boolean {
    return Number.isInteger(index) && index >= 0 && index < this.size;
  }

  private check(index: number): void {
    if (!this.inRange(index)) throw new RangeError(`bit ${index} outside [0, ${this.size})`);
  }
}
