/**
 * nodePort ranges as kube-apiserver's `--service-node-port-range` reads them (apimachinery's
 * `net.PortRange`): `30000-32767`, `30000+2767` (base plus offset, both ends inclusive) or `30000`.
 */

/** An inclusive run of ports: `base … base+size-1`. */
export interface PortRange {
  readonly base: number;
  readonly size: number;
}

/** kube-apiserver's default nodePort range, 30000-32767. */
export const DEFAULT_NODE_PORT_RANGE: PortRange = { base: 30000, size: 2768 };

/** The flag kube-apiserver reads the range from (named in its error text). */
export const NODE_PORT_RANGE_FLAG = '--service-node-port-range';

/** A parsed range, or the error text apimachinery gives for the value. */
export type PortRangeParse =
  { readonly ok: true; readonly range: PortRange } | { readonly ok: false; readonly error: string };

/** `min-max` as upstream prints it; the empty range prints as nothing. */
export function formatPortRange(range: PortRange): string {
  return range.size === 0 ? '' : `${range.base}-${range.base + range.size - 1}`;
}

/** Whether `port` lies in the range. */
export function portRangeContains(range: PortRange, port: number): boolean {
  return port >= range.base && port - range.base < range.size;
}

/**
 * Parses a port range with apimachinery's rules and error messages; an empty value is the empty range.
 * @example parsePortRange('30000-32767') // { ok: true, range: { base: 30000, size: 2768 } }
 */
export function parsePortRange(input: string): PortRangeParse {
  const value = input.trim();
  if (value === '') return { ok: true, range: { base: 0, size: 0 } };
  const hyphen = value.indexOf('-');
  const plus = value.indexOf('+');
  if (hyphen >= 0 && plus >= 0) return { ok: false, error: `unable to parse port range: ${value}` };
  const bounds = readBounds(value, hyphen, plus);
  if (typeof bounds === 'string') return { ok: false, error: bounds };
  const [low, high] = bounds;
  if (low > 65535 || high > 65535) return { ok: false, error: `the port range cannot be greater than 65535: ${value}` };
  if (high < low) return { ok: false, error: `end port cannot be less than start port: ${value}` };
  return { ok: true, range: { base: Number(low), size: Number(high - low) + 1 } };
}

/** pflag's wording when a flag value does not parse, e.g. `invalid argument "x" for "--service-node-port-range" flag: …`. */
export function invalidFlagMessage(flag: string, value: string, error: string): string {
  return `invalid argument ${JSON.stringify(value)} for ${JSON.stringify(flag)} flag: ${error}`;
}

/** Low and high ends (as bigints, so huge offsets cannot wrap), or the first parse error. */
function readBounds(value: string, hyphen: number, plus: number): [bigint, bigint] | string {
  if (hyphen >= 0) return pair(goAtoi(value.slice(0, hyphen)), goAtoi(value.slice(hyphen + 1)), false);
  if (plus >= 0) return pair(goAtoi(value.slice(0, plus)), goAtoi(value.slice(plus + 1)), true);
  const port = goAtoi(value);
  return typeof port === 'string' ? port : [port, port];
}

function pair(low: bigint | string, second: bigint | string, isOffset: boolean): [bigint, bigint] | string {
  if (typeof low === 'string') return low;
  if (typeof second === 'string') return second;
  return [low, isOffset ? low + second : second];
}

const INT64_MAX = 2n ** 63n - 1n;

/** Go's `strconv.Atoi` on a 64-bit platform: optional sign, decimal digits, Go's error text. */
function goAtoi(text: string): bigint | string {
  if (!/^[+-]?[0-9]+$/.test(text)) return `strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`;
  const value = BigInt(text);
  if (value > INT64_MAX || value < -INT64_MAX - 1n) {
    return `strconv.Atoi: parsing ${JSON.stringify(text)}: value out of range`;
  }
  return value;
}
