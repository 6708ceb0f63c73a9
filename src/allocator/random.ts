/**
 * The random source behind dynamic allocation. Injectable so tests can replay a sequence exactly.
 */

/** Yields integers uniformly in `[0, bound)`. */
export interface RandomSource {
  /** A random integer `n` with `0 <= n < bound`; `bound` is a positive integer. */
  nextInt(bound: number): number;
}

/** The default source: `Math.random`, as unpredictable as upstream's time-seeded generator. */
export const defaultRandom: RandomSource = {
  nextInt: (bound) => Math.floor(Math.random() * bound),
};

/**
 * A small deterministic generator (mulberry32) for tests and reproducible runs.
 * @example seededRandom(42).nextInt(10) // the same value on every run
 */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return {
    nextInt(bound) {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      return Math.floor(unit * bound);
    },
  };
}
