/**
 * IP addresses as a family and an unsigned integer, read as Go reads them: strictly (`netip.ParseAddr`, and
 * `net.ParseIP` since Go 1.17) or sloppily (`netutils.ParseIPSloppy`, the Go 1.16 parser Kubernetes keeps for
 * stored objects).
 */

/** The two families, spelled as the Kubernetes API spells them. */
export type IPFamily = 'IPv4' | 'IPv6';

/** An address: its family and its value as an unsigned 32- or 128-bit integer. */
export interface IPAddress {
  readonly family: IPFamily;
  readonly value: bigint;
}

/** Address width in bits, per family. */
export const FAMILY_BITS: Readonly<Record<IPFamily, number>> = { IPv4: 32, IPv6: 128 };

/** How liberal a parse is; by default Go's strict rules (zones such as `%eth0` are always refused). */
export interface ParseIPOptions {
  /**
   * Go 1.16's rules (`netutils.ParseIPSloppy`): an IPv4 field may carry leading zeros, read as decimal
   * (`010` is 10), and any field may be zero-padded to any width (`00fd00::1`).
   */
  readonly sloppy?: boolean;
  /**
   * IPv4-mapped IPv6 (`::ffff:a.b.c.d`) reads as IPv4, as Go's `net.IP` sees it (`To4() != nil`); otherwise it
   * stays IPv6, as `netip.Addr` keeps it.
   */
  readonly unmap?: boolean;
}

// Strict: 1-3 digits and no leading zero, which other parsers read as octal (the reason Go 1.17 refused them).
const STRICT_DECIMAL = /^(?:0|[1-9][0-9]{0,2})$/;
const SLOPPY_DECIMAL = /^[0-9]+$/;
const STRICT_HEX = /^[0-9a-fA-F]{1,4}$/;
const SLOPPY_HEX = /^[0-9a-fA-F]+$/;

/** A dotted quad's value; fields are bounded by value, so a sloppy `0000255` is 255. */
function parseIPv4Value(text: string, sloppy: boolean): bigint | undefined {
  const fields = text.split('.');
  if (fields.length !== 4) return undefined;
  let value = 0n;
  for (const field of fields) {
    if (!(sloppy ? SLOPPY_DECIMAL : STRICT_DECIMAL).test(field)) return undefined;
    const n = Number(field);
    if (n > 0xff) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

/** The 16-bit groups of one side of `::`; a dotted quad (allowed only where it ends the address) counts as two. */
function parseGroups(text: string, sloppy: boolean, dottedTail: boolean): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (const [index, part] of parts.entries()) {
    if (dottedTail && index === parts.length - 1 && part.includes('.')) {
      const v4 = parseIPv4Value(part, sloppy);
      if (v4 === undefined) return undefined;
      groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      continue;
    }
    if (!(sloppy ? SLOPPY_HEX : STRICT_HEX).test(part)) return undefined;
    const n = parseInt(part, 16);
    if (n > 0xffff) return undefined;
    groups.push(n);
  }
  return groups;
}

function parseIPv6Value(text: string, sloppy: boolean): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const [head = '', tail] = halves;
  const headGroups = parseGroups(head, sloppy, tail === undefined);
  const tailGroups = tail === undefined ? [] : parseGroups(tail, sloppy, true);
  if (headGroups === undefined || tailGroups === undefined) return undefined;
  const missing = 8 - headGroups.length - tailGroups.length;
  // `::` stands for at least one zero group; without it all eight groups must be written.
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...headGroups, ...new Array<number>(tail === undefined ? 0 : missing).fill(0), ...tailGroups];
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(group), 0n);
}

/**
 * Parses an IPv4 or IPv6 address; `undefined` when the text is not one.
 * @example parseIP('010.0.0.1', { sloppy: true }) // { family: 'IPv4', value: 0x0a000001n }
 */
export function parseIP(text: string, options: ParseIPOptions = {}): IPAddress | undefined {
  const sloppy = options.sloppy === true;
  // A valid IPv6 address never has a '.' before its first ':', so this agrees with Go's first-of-'.'-or-':' test.
  if (!text.includes(':')) {
    const value = parseIPv4Value(text, sloppy);
    return value === undefined ? undefined : { family: 'IPv4', value };
  }
  const value = parseIPv6Value(text, sloppy);
  if (value === undefined) return undefined;
  const ip: IPAddress = { family: 'IPv6', value };
  return options.unmap === true ? unmapIP(ip) : ip;
}

/** The family of an address text (`parseIP` with the same options), or `undefined` when it is not an address. */
export function ipFamilyOf(text: string, options: ParseIPOptions = {}): IPFamily | undefined {
  return parseIP(text, options)?.family;
}

/** Whether the address is IPv4-mapped IPv6, `::ffff:a.b.c.d`. */
export function isIPv4Mapped(ip: IPAddress): boolean {
  return ip.family === 'IPv6' && ip.value >> 32n === 0xffffn;
}

/** The IPv4 address an IPv4-mapped one stands for (`netip.Addr.Unmap`); any other address unchanged. */
export function unmapIP(ip: IPAddress): IPAddress {
  return isIPv4Mapped(ip) ? { family: 'IPv4', value: ip.value & 0xffffffffn } : ip;
}

/** Whether the address is `0.0.0.0` or `::`. */
export function isUnspecified(ip: IPAddress): boolean {
  return ip.value === 0n;
}

/** Whether the address is loopback: `127.0.0.0/8` or `::1` (unmap first to count `::ffff:127.0.0.1`). */
export function isLoopback(ip: IPAddress): boolean {
  return ip.family === 'IPv4' ? ip.value >> 24n === 127n : ip.value === 1n;
}

/** Whether the address is link-local unicast: `169.254.0.0/16` or `fe80::/10`. */
export function isLinkLocalUnicast(ip: IPAddress): boolean {
  return ip.family === 'IPv4' ? ip.value >> 16n === 0xa9fen : ip.value >> 118n === 0x3fan;
}

/** Whether the address is link-local multicast: `224.0.0.0/24` or `ff02::/16` (any `ffX2::`, as Go checks it). */
export function isLinkLocalMulticast(ip: IPAddress): boolean {
  return ip.family === 'IPv4' ? ip.value >> 8n === 0xe00000n : ((ip.value >> 112n) & 0xff0fn) === 0xff02n;
}
