/**
 * What the proxy accepts from an API object before any of it reaches a rule. The proxy may watch an API server
 * that validated nothing, so every value it renders is checked here against what upstream API validation allows:
 * integer ports 1..65535, port names that are empty or DNS-1123 labels, the three protocols, names that are DNS
 * labels or subdomains, IPs that parse (and are printed from their parsed value, never copied). Each check takes
 * `unknown`: a decoded JSON object may carry any type in any field.
 */
import { isDNS1123Label, isDNS1123Subdomain, isValidLabelValue } from '../api/validation/names.ts';
import { formatIP, parseIP, type IPFamily } from '../net/index.ts';
import type { Protocol } from './types.ts';

/** Reports one rejected object or field (the tracker logs it once per change). */
export type InputWarning = (message: string) => void;

/** A warning sink that drops everything (full snapshots rebuild from objects already reported). */
export const ignoreWarnings: InputWarning = () => undefined;

/** `value` when it is an array, else an empty one (a hostile object may put anything where a list belongs). */
export function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `value` when it is a plain object, else undefined. */
export function recordOf(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A port number: an integer in 1..65535. */
export function isPortNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

/** A port's name: `""` (the unnamed port) or a DNS-1123 label. */
export function isPortName(value: unknown): value is string {
  return typeof value === 'string' && (value === '' || isDNS1123Label(value).length === 0);
}

const protocols: ReadonlySet<string> = new Set(['TCP', 'UDP', 'SCTP']);

/** The protocol a port names (`TCP` when unset), or undefined when it names something else. */
export function protocolOf(value: unknown): Protocol | undefined {
  if (value === undefined || value === null) return 'TCP';
  return typeof value === 'string' && protocols.has(value) ? (value as Protocol) : undefined;
}

/**
 * A name check remembered per distinct string: a snapshot of 100k endpoints names a few dozen nodes and zones, and
 * the regular expressions behind the checks would otherwise dominate its cost. The memory is bounded.
 */
function remembered(check: (value: string) => boolean): (value: unknown) => value is string {
  const known = new Map<string, boolean>();
  return (value: unknown): value is string => {
    if (typeof value !== 'string') return false;
    let valid = known.get(value);
    if (valid === undefined) {
      if (known.size >= 4096) known.clear();
      valid = check(value);
      known.set(value, valid);
    }
    return valid;
  };
}

/** A DNS-1123 label (namespaces, Service names, hostnames). */
export const isDNSLabel = remembered((value) => isDNS1123Label(value).length === 0);

/** A DNS-1123 subdomain (object names such as EndpointSlices', node names). */
export const isDNSSubdomain = remembered((value) => isDNS1123Subdomain(value).length === 0);

/** A label value (zone names). */
export const isLabelValue = remembered((value) => isValidLabelValue(value).length === 0);

/**
 * An address as kube-proxy reads it (`ParseIPSloppy`: legacy leading zeros allowed, IPv4-mapped read as IPv4),
 * printed canonically from the parsed value; undefined when it is not an address.
 */
export function canonicalIP(value: unknown): { readonly text: string; readonly family: IPFamily } | undefined {
  if (typeof value !== 'string') return undefined;
  const ip = parseIP(value, { sloppy: true, unmap: true });
  return ip === undefined ? undefined : { text: formatIP(ip), family: ip.family };
}

/** A dotted quad already in canonical form: the common case, checked without a parse. */
const CANONICAL_IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/**
 * An endpoint address, as `canonicalIP` reads it. Upstream validation also refuses loopback and link-local
 * endpoints; the proxy does not, because Portico's own API server advertises 127.0.0.1 for the `kubernetes`
 * Service when it listens on loopback, and such an address cannot smuggle anything into a rule.
 */
export function endpointIP(value: unknown): { readonly text: string; readonly family: IPFamily } | undefined {
  if (typeof value === 'string' && CANONICAL_IPV4.test(value)) return { text: value, family: 'IPv4' };
  return canonicalIP(value);
}

/** An optional boolean field: undefined/null or a boolean. */
export function isOptionalBoolean(value: unknown): value is boolean | undefined | null {
  return value === undefined || value === null || typeof value === 'boolean';
}

/** Quoted for a log line, short, with control characters escaped (the value may be hostile). */
export function quoted(value: unknown): string {
  let text: string;
  try {
    // undefined (and functions) stringify to undefined, whatever the declared type says.
    const json = JSON.stringify(value) as string | undefined;
    text = json ?? 'undefined';
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Why an object's identity cannot be rendered (undefined when it can): the namespace must be a DNS-1123 label and
 * the name pass `nameCheck`, since both end up in rule comments and chain-name hashes.
 */
export function metadataProblem(
  kind: string,
  metadata: unknown,
  nameCheck: (value: unknown) => value is string,
): string | undefined {
  const meta = recordOf(metadata);
  const namespace = meta?.['namespace'];
  const name = meta?.['name'];
  if (!isDNSLabel(namespace)) return `${kind} with invalid namespace ${quoted(namespace)} ignored`;
  if (!nameCheck(name)) return `${kind} ${namespace}/${quoted(name)} ignored: invalid name`;
  return undefined;
}
