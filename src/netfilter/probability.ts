/**
 * How the statistic match stores and prints a probability: the kernel keeps `lround(p × 2^31)` as a 32-bit
 * integer and `iptables-save` prints `stored / 2^31` with `%.11f` (e.g. `0.3333333333` → `0.33333333349`).
 */

const SCALE = 0x80000000;

/** The integer the kernel stores for probability `p` (`lround`: halves round away from zero). */
export function storedProbability(p: number): number {
  return Math.sign(p) * Math.round(Math.abs(p) * SCALE);
}

/** `numerator / 2^31` printed with `digits` decimals, exactly and rounding ties to even as glibc's printf does. */
function formatExactRatio(numerator: number, digits: number): string {
  const scaled = BigInt(numerator) * 10n ** BigInt(digits);
  const denominator = BigInt(SCALE);
  let quotient = scaled / denominator;
  const twiceRemainder = (scaled % denominator) * 2n;
  if (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n)) quotient += 1n;
  const text = quotient.toString().padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** A probability as `iptables-save` prints it back. */
export function renderSavedProbability(p: number): string {
  return formatExactRatio(storedProbability(p), 11);
}
