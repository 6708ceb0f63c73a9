/** `--probability` values: Go's `fmt.Sprintf("%0.10f", 1.0/float64(n))`, cached per n as upstream does. */

const decimals = 10;
const scale = 10n ** BigInt(decimals);

/** The exact value of a positive finite double as numerator / 2^shift. */
function exactFraction(value: number): { numerator: bigint; shift: bigint } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = exponent === 0 ? fraction : fraction | (1n << 52n);
  const power = (exponent === 0 ? 1 : exponent) - 1075;
  return power >= 0
    ? { numerator: mantissa << BigInt(power), shift: 0n }
    : { numerator: mantissa, shift: BigInt(-power) };
}

/**
 * Formats a positive double with 10 decimals, rounding its exact binary value half-to-even as Go does
 * (`toFixed` rounds exact ties up: 1/2048 would print …813 where Go prints …812).
 */
export function formatFixed10(value: number): string {
  const { numerator, shift } = exactFraction(value);
  const denominator = 1n << shift;
  const scaled = numerator * scale;
  let digits = scaled / denominator;
  const twiceRemainder = 2n * (scaled % denominator);
  if (twiceRemainder > denominator || (twiceRemainder === denominator && digits % 2n === 1n)) digits += 1n;
  const text = digits.toString().padStart(decimals + 1, '0');
  return `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
}

const cache: string[] = [];

/** The probability string for picking 1 of n remaining endpoints. */
export function probability(n: number): string {
  let cached = cache[n];
  if (cached === undefined) cache[n] = cached = formatFixed10(1 / n);
  return cached;
}
