/**
 * Offset allocation over `[0, size)` with a static and a dynamic band: the shared engine under the
 * nodePort and ClusterIP allocators (upstream's AllocationBitmap with randomScanStrategyWithOffset).
 */
import { Bitmap } from './bitmap.ts';
import { defaultRandom, type RandomSource } from './random.ts';

/** A saved allocation state: the range it belongs to and the bitmap in upstream's RangeAllocation layout. */
export interface RangeSnapshot {
  /** The range specifier, e.g. `30000-32767` or `10.96.0.0/12`. */
  readonly range: string;
  /** Allocated offsets as a big-endian unsigned integer (Go's `big.Int.Bytes()`). */
  readonly data: Uint8Array;
}

/** Options shared by every allocator built on a range. */
export interface RangeAllocatorOptions {
  /** Offsets `0 … staticBandSize-1` form the static band; dynamic allocation avoids them while it can. */
  readonly staticBandSize?: number;
  /** The random source for dynamic allocation (a seeded one in tests). */
  readonly random?: RandomSource;
}

/** Message of `restore` when a snapshot belongs to another range (upstream's wording). */
export const RANGE_MISMATCH_MESSAGE = 'the provided range does not match the current range';

/** Allocates integer offsets; dynamic picks are random in the upper band, user picks work anywhere. */
export class RangeAllocator {
  /** Number of offsets. */
  readonly size: number;
  /** Size of the static (lower) band. */
  readonly staticBandSize: number;
  /** The range specifier that snapshots carry. */
  readonly rangeSpec: string;
  private bits: Bitmap;
  private readonly random: RandomSource;

  /** An empty allocator over `size` offsets. */
  constructor(size: number, rangeSpec: string, options: RangeAllocatorOptions = {}) {
    const band = options.staticBandSize ?? 0;
    if (!Number.isSafeInteger(band) || band < 0 || (band > 0 && band >= size)) {
      throw new RangeError(`static band ${band} must be smaller than the range size ${size}`);
    }
    this.size = size;
    this.staticBandSize = band;
    this.rangeSpec = rangeSpec;
    this.bits = new Bitmap(size);
    this.random = options.random ?? defaultRandom;
  }

  /** Reserves `offset`; false when it is already taken. Throws on an offset outside the range. */
  allocate(offset: number): boolean {
    return this.bits.set(offset);
  }

  /**
   * Reserves a free offset: a random start in the upper band, scanning forward and wrapping; the static
   * band is used only when the upper band is full. `undefined` when the range is full.
   */
  allocateNext(): number | undefined {
    if (this.bits.count >= this.size) return undefined;
    const band = this.staticBandSize;
    const found = this.scanFrom(band, this.size);
    const offset = found >= 0 || band === 0 ? found : this.scanFrom(0, band);
    if (offset < 0) return undefined;
    this.bits.set(offset);
    return offset;
  }

  /** Frees `offset`; false (a no-op) when it was free or is outside the range. */
  release(offset: number): boolean {
    return this.bits.clear(offset);
  }

  /** Whether `offset` is taken. */
  has(offset: number): boolean {
    return this.bits.has(offset);
  }

  /** How many offsets are free. */
  free(): number {
    return this.size - this.bits.count;
  }

  /** How many offsets are taken. */
  used(): number {
    return this.bits.count;
  }

  /** Calls `fn` for every taken offset, in ascending order. */
  forEach(fn: (offset: number) => void): void {
    this.bits.forEach(fn);
  }

  /** The current state, detached from the allocator. */
  snapshot(): RangeSnapshot {
    return { range: this.rangeSpec, data: this.bits.toBytes() };
  }

  /** Replaces the state with a snapshot of the same range; throws when the range differs. */
  restore(snapshot: RangeSnapshot): void {
    if (snapshot.range !== this.rangeSpec) throw new Error(RANGE_MISMATCH_MESSAGE);
    this.bits = Bitmap.fromBytes(this.size, snapshot.data);
  }

  /** A random start in `[from, to)`, then the first free offset from there, wrapping within the band. */
  private scanFrom(from: number, to: number): number {
    if (to <= from) return -1;
    const start = from + this.random.nextInt(to - from);
    const found = this.bits.firstClear(start, to);
    return found >= 0 ? found : this.bits.firstClear(from, start);
  }
}
