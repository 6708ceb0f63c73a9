/** Addresses as text: Go's canonical form, or glibc's `inet_ntop` form that `iptables-save` prints. */
import { parseIP, type IPAddress } from './ip.ts';

/** Which printer to imitate; they differ only in which IPv6 addresses end in a dotted quad. */
export interface FormatIPOptions {
  /**
   * `go` (the default): IPv6 is all hex groups, as Go's `net.IP.String()` prints every address it does not see as
   * IPv4 (parse with `unmap` to have `::ffff:1.2.3.4` print as `1.2.3.4`, as Go does).
   * `inet_ntop`: glibc's form, which `iptables-save` prints: IPv4-mapped and IPv4-compatible addresses end in a
   * dotted quad (`::ffff:1.2.3.4`, `::1.2.3.4`).
   */
  readonly style?: 'go' | 'inet_ntop';
}

function formatIPv4(value: bigint): string {
  const n = Number(value);
  return `${(n >>> 24) & 0xff}.${(n >>> 16) & 0xff}.${(n >>> 8) & 0xff}.${n & 0xff}`;
}

/** The longest run of at least two zero groups, the first one on a tie (RFC 5952, Go and glibc agree). */
function longestZeroRun(groups: readonly number[]): { start: number; length: number } {
  let best = { start: -1, length: 1 };
  for (let i = 0; i < groups.length;) {
    let end = i;
    while (end < groups.length && groups[end] === 0) end++;
    if (end - i > best.length) best = { start: i, length: end - i };
    i = end === i ? i + 1 : end;
  }
  return best;
}

/** RFC 5952: lowercase, no leading zeros, the longest zero run as `::`; glibc may end in a dotted quad. */
function formatIPv6(value: bigint, inetNtop: boolean): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  const run = longestZeroRun(groups);
  // glibc's test for an embedded IPv4 address: `::a.b.c.d` (compatible) or `::ffff:a.b.c.d` (mapped).
  if (inetNtop && run.start === 0 && (run.length === 6 || (run.length === 5 && groups[5] === 0xffff))) {
    return `::${run.length === 6 ? '' : 'ffff:'}${formatIPv4(value & 0xffffffffn)}`;
  }
  const hex = groups.map((group) => group.toString(16));
  if (run.start < 0) return hex.join(':');
  return `${hex.slice(0, run.start).join(':')}::${hex.slice(run.start + run.length).join(':')}`;
}

/**
 * Prints an address: `10.96.0.1`, `fd00::1`.
 * @example formatIP({ family: 'IPv6', value: 0xffff01020304n }, { style: 'inet_ntop' }) // '::ffff:1.2.3.4'
 */
export function formatIP(ip: IPAddress, options: FormatIPOptions = {}): string {
  return ip.family === 'IPv4' ? formatIPv4(ip.value) : formatIPv6(ip.value, options.style === 'inet_ntop');
}

/** A dotted quad already in canonical form (no leading zeros, each field at most 255). */
const CANONICAL_IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/**
 * Parses sloppily and prints as Go does (`netutils.ParseIPSloppy(s).String()`): `172.30.0.041` is `172.30.0.41`,
 * `::ffff:1.2.3.4` is `1.2.3.4`; `undefined` when the text is not an address.
 */
export function normalizeIP(text: string): string | undefined {
  // Almost every address is already canonical IPv4: keep the string itself (no parse, no new string).
  if (CANONICAL_IPV4.test(text)) return text;
  const ip = parseIP(text, { sloppy: true, unmap: true });
  return ip === undefined ? undefined : formatIP(ip);
}
