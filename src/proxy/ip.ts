/**
 * IP addresses and CIDRs as kube-proxy reads them: "sloppy" parsing (IPv4 octets may carry leading zeros, so
 * `172.30.0.041` is `172.30.0.41`) and Go's canonical printing (RFC 5952 for IPv6, dotted quad for IPv4-mapped).
 */

/** An IP family as the Kubernetes API spells it. */
export type IPFamily = 'IPv4' | 'IPv6';

/** A parsed address: 4 bytes for IPv4 (IPv4-mapped IPv6 included, as Go treats it), 16 for IPv6. */
export interface ParsedIP {
  readonly family: IPFamily;
  readonly bytes: Uint8Array;
}

/** A parsed CIDR, already masked to its network address. */
export interface ParsedCIDR {
  readonly family: IPFamily;
  readonly network: Uint8Array;
  readonly prefix: number;
}

const decimalRun = /^[0-9]+$/;
const hexGroup = /^[0-9a-fA-F]{1,4}$/;

function parseIPv4Bytes(text: string): Uint8Array | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i] ?? '';
    // Leading zeros are decimal, never octal: the "sloppy" rule Kubernetes keeps for old objects.
    if (!decimalRun.test(part)) return null;
    const value = Number(part);
    if (value > 255) return null;
    bytes[i] = value;
  }
  return bytes;
}

function parseGroups(text: string): number[] | null {
  if (text === '') return [];
  const groups: number[] = [];
  const parts = text.split(':');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIPv4Bytes(part);
      if (v4 === null) return null;
      groups.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
    } else {
      if (!hexGroup.test(part)) return null;
      groups.push(parseInt(part, 16));
    }
  }
  return groups;
}

function parseIPv6Bytes(text: string): Uint8Array | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = parseGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    bytes[2 * i] = group >> 8;
    bytes[2 * i + 1] = group & 0xff;
  });
  return bytes;
}

function isIPv4Mapped(bytes: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

/** Parses an address like Go's `netutils.ParseIPSloppy`; null when it is not an address. */
export function parseIPSloppy(text: string): ParsedIP | null {
  if (text.includes(':')) {
    const bytes = parseIPv6Bytes(text);
    if (bytes === null) return null;
    // Go's net.IP treats ::ffff:a.b.c.d as an IPv4 address (To4() != nil), for family and for printing.
    if (isIPv4Mapped(bytes)) return { family: 'IPv4', bytes: bytes.slice(12) };
    return { family: 'IPv6', bytes };
  }
  const bytes = parseIPv4Bytes(text);
  return bytes === null ? null : { family: 'IPv4', bytes };
}

function formatIPv6(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  // The longest run of at least two zero groups is compressed; the first one wins a tie (RFC 5952).
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let end = i;
    while (end < 8 && groups[end] === 0) end++;
    if (end - i > bestLength) [bestStart, bestLength] = [i, end - i];
    i = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** Prints an address as Go's `net.IP.String()` does. */
export function formatIP(ip: ParsedIP): string {
  return ip.family === 'IPv4' ? Array.from(ip.bytes).join('.') : formatIPv6(ip.bytes);
}

/** A dotted quad already in canonical form (no leading zeros, each octet ≤ 255). */
const canonicalIPv4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Parses and re-prints an address (`ParseIPSloppy(s).String()`); null when it is not an address. */
export function normalizeIP(text: string): string | null {
  // Almost every address is already canonical IPv4: keep the string itself (no parse, no new string).
  if (canonicalIPv4.test(text)) return text;
  const ip = parseIPSloppy(text);
  return ip === null ? null : formatIP(ip);
}

/** The family of an address string, or null when it is not an address. */
export function ipFamilyOf(text: string): IPFamily | null {
  return parseIPSloppy(text)?.family ?? null;
}

function maskBytes(bytes: Uint8Array, prefix: number): Uint8Array {
  const masked = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const bits = Math.max(0, Math.min(8, prefix - 8 * i));
    masked[i] = (bytes[i] ?? 0) & ((0xff << (8 - bits)) & 0xff);
  }
  return masked;
}

/** Parses a CIDR like `netutils.ParseCIDRSloppy` (network address kept); null when invalid. */
export function parseCIDRSloppy(text: string): ParsedCIDR | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const prefixText = text.slice(slash + 1);
  if (!decimalRun.test(prefixText)) return null;
  const addressText = text.slice(0, slash);
  const bytes = addressText.includes(':') ? parseIPv6Bytes(addressText) : parseIPv4Bytes(addressText);
  if (bytes === null) return null;
  const prefix = Number(prefixText);
  if (prefix > bytes.length * 8) return null;
  const family: IPFamily = bytes.length === 4 ? 'IPv4' : 'IPv6';
  return { family, network: maskBytes(bytes, prefix), prefix };
}

/** Prints a CIDR as Go's `net.IPNet.String()` does (`203.0.113.0/25`). */
export function formatCIDR(cidr: ParsedCIDR): string {
  return `${formatIP({ family: cidr.family, bytes: cidr.network })}/${cidr.prefix}`;
}

/** Parses and re-prints a CIDR; null when invalid. */
export function normalizeCIDR(text: string): string | null {
  const cidr = parseCIDRSloppy(text);
  return cidr === null ? null : formatCIDR(cidr);
}

/** Whether the CIDR contains the address (never across families). */
export function cidrContains(cidr: ParsedCIDR, ip: ParsedIP): boolean {
  if (cidr.family !== ip.family) return false;
  const masked = maskBytes(ip.bytes, cidr.prefix);
  return masked.every((byte, i) => byte === cidr.network[i]);
}

/** Whether the address is a loopback address (127.0.0.0/8 or ::1). */
export function isLoopback(ip: ParsedIP): boolean {
  if (ip.family === 'IPv4') return ip.bytes[0] === 127;
  return ip.bytes.every((byte, i) => byte === (i === 15 ? 1 : 0));
}
