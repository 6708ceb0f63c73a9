/**
 * IP and CIDR parsing with the "sloppy" rules Kubernetes uses for API fields (k8s.io/utils/net
 * ParseIPSloppy / ParseCIDRSloppy): Go's pre-1.17 parser, which accepts IPv4 octets with leading
 * zeros (read as decimal) and IPv4-mapped IPv6.
 */
import { type FieldError, invalid } from '../field-errors.ts';

/** A parsed address as 16 bytes (IPv4 is stored IPv4-mapped, like Go's net.IP). */
export type ParsedIP = readonly number[];

const IPV4_LEN = 4;
const IPV6_LEN = 16;
const V4_IN_V6_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

/** Reads a run of digits in `base`; fails on no digits or when the value grows too large. */
function readNumber(s: string, base: 10 | 16): { value: number; length: number } | undefined {
  const digits = base === 10 ? /^[0-9]+/ : /^[0-9a-fA-F]+/;
  const run = digits.exec(s)?.[0];
  if (run === undefined) return undefined;
  const value = Number.parseInt(run, base);
  // Go's dtoi/xtoi stop at 0xFFFFFF ("big"); anything that large is invalid for every caller.
  return value >= 0xffffff ? undefined : { value, length: run.length };
}

function parseIPv4(input: string): number[] | undefined {
  const bytes: number[] = [];
  let s = input;
  for (let i = 0; i < IPV4_LEN; i++) {
    if (s.length === 0) return undefined;
    if (i > 0) {
      if (!s.startsWith('.')) return undefined;
      s = s.slice(1);
    }
    const n = readNumber(s, 10);
    if (n === undefined || n.value > 0xff) return undefined;
    s = s.slice(n.length);
    bytes.push(n.value);
  }
  return s.length === 0 ? [...V4_IN_V6_PREFIX, ...bytes] : undefined;
}

function expandEllipsis(ip: number[], filled: number, ellipsis: number): number[] | undefined {
  if (filled === IPV6_LEN) return ellipsis >= 0 ? undefined : ip;
  if (ellipsis < 0) return undefined;
  const gap = IPV6_LEN - filled;
  return [...ip.slice(0, ellipsis), ...new Array<number>(gap).fill(0), ...ip.slice(ellipsis, filled)];
}

function parseIPv6(input: string): number[] | undefined {
  const ip: number[] = [];
  let ellipsis = -1;
  let s = input;
  if (s.startsWith('::')) {
    ellipsis = 0;
    s = s.slice(2);
    if (s.length === 0) return new Array<number>(IPV6_LEN).fill(0);
  }
  while (ip.length < IPV6_LEN) {
    const n = readNumber(s, 16);
    if (n === undefined || n.value > 0xffff) return undefined;
    if (s[n.length] === '.') {
      // A trailing dotted IPv4 fills the last four bytes.
      if ((ellipsis < 0 && ip.length !== IPV6_LEN - IPV4_LEN) || ip.length + IPV4_LEN > IPV6_LEN) return undefined;
      const v4 = parseIPv4(s);
      if (v4 === undefined) return undefined;
      ip.push(...v4.slice(12));
      s = '';
      break;
    }
    ip.push(n.value >> 8, n.value & 0xff);
    s = s.slice(n.length);
    if (s.length === 0) break;
    if (!s.startsWith(':') || s.length === 1) return undefined;
    s = s.slice(1);
    if (s.startsWith(':')) {
      if (ellipsis >= 0) return undefined;
      ellipsis = ip.length;
      s = s.slice(1);
      if (s.length === 0) break;
    }
  }
  if (s.length !== 0) return undefined;
  return expandEllipsis(ip, ip.length, ellipsis);
}

/** Parses an IPv4 or IPv6 address the way Kubernetes validation does; `undefined` when invalid. */
export function parseIPSloppy(value: string): ParsedIP | undefined {
  for (const ch of value) {
    if (ch === '.') return parseIPv4(value);
    if (ch === ':') return parseIPv6(value);
  }
  return undefined;
}

/** True when the address is IPv4 (including IPv4-mapped IPv6), like Go's `To4() != nil`. */
export function isIPv4(ip: ParsedIP): boolean {
  return V4_IN_V6_PREFIX.every((byte, i) => ip[i] === byte);
}

/** `IPv4` / `IPv6` for a valid address string, `undefined` otherwise. */
export function ipFamilyOf(value: string): 'IPv4' | 'IPv6' | undefined {
  const ip = parseIPSloppy(value);
  if (ip === undefined) return undefined;
  return isIPv4(ip) ? 'IPv4' : 'IPv6';
}

/** Parses `addr/prefix` as ParseCIDRSloppy does. */
export function parseCIDRSloppy(value: string): { ip: ParsedIP; prefix: number } | undefined {
  const slash = value.indexOf('/');
  if (slash < 0) return undefined;
  const addr = value.slice(0, slash);
  const mask = value.slice(slash + 1);
  let bits = 32;
  let ip = parseIPv4(addr);
  if (ip === undefined) {
    bits = 128;
    ip = parseIPv6(addr);
  }
  const n = readNumber(mask, 10);
  if (ip === undefined || n === undefined || n.length !== mask.length || n.value > bits) return undefined;
  return { ip, prefix: n.value };
}

/** `field: Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)` */
export function validateIP(field: string, value: string): FieldError[] {
  if (parseIPSloppy(value) !== undefined) return [];
  return [invalid(field, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

/** `field: Invalid value: "x": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)` */
export function validateCIDR(field: string, value: string): FieldError[] {
  if (parseCIDRSloppy(value) !== undefined) return [];
  return [invalid(field, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

const isUnspecified = (ip: ParsedIP): boolean =>
  isIPv4(ip) ? ip.slice(12).every((b) => b === 0) : ip.every((b) => b === 0);

const isLoopback = (ip: ParsedIP): boolean =>
  isIPv4(ip) ? ip[12] === 127 : ip.slice(0, 15).every((b) => b === 0) && ip[15] === 1;

const isLinkLocalUnicast = (ip: ParsedIP): boolean =>
  isIPv4(ip) ? ip[12] === 169 && ip[13] === 254 : ip[0] === 0xfe && ((ip[1] ?? 0) & 0xc0) === 0x80;

const isLinkLocalMulticast = (ip: ParsedIP): boolean =>
  isIPv4(ip) ? ip[12] === 224 && ip[13] === 0 && ip[14] === 0 : ip[0] === 0xff && ((ip[1] ?? 0) & 0x0f) === 0x02;

/**
 * Rejects addresses that make no sense as endpoints or external IPs: unspecified, loopback,
 * link-local (ValidateNonSpecialIP).
 */
export function validateNonSpecialIP(field: string, value: string): FieldError[] {
  const ip = parseIPSloppy(value);
  if (ip === undefined) return [invalid(field, value, 'must be a valid IP address')];
  const errors: FieldError[] = [];
  if (isUnspecified(ip)) errors.push(invalid(field, value, `may not be unspecified (${value})`));
  if (isLoopback(ip)) errors.push(invalid(field, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (isLinkLocalUnicast(ip)) {
    errors.push(invalid(field, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  }
  if (isLinkLocalMulticast(ip)) {
    errors.push(invalid(field, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  }
  return errors;
}
