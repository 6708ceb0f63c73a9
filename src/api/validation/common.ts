/**
 * Small rules shared by every kind (core `validation.go`'s ValidateDNS1123Label, ValidateNonnegativeField,
 * ValidateImmutableField, the IP family checks, IsFullyQualifiedDomainName, quantities, Go value renderings).
 */
import { parseIP } from '../../net/index.ts';
import { type BadValue, type FieldError, goLiteral, goQuote, invalid, required } from '../field-errors.ts';
import { fieldImmutableErrorMsg, isNegativeErrorMsg, regexError } from './messages.ts';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from './names.ts';

/** `path: Invalid value: "x": <each DNS-1123 label failure>` */
export function validateDNS1123Label(value: string, path: string): FieldError[] {
  return isDNS1123Label(value).map((msg) => invalid(path, value, msg));
}

/** `path: Invalid value: "x": <each DNS-1123 subdomain failure>` */
export function validateDNS1123Subdomain(value: string, path: string): FieldError[] {
  return isDNS1123Subdomain(value).map((msg) => invalid(path, value, msg));
}

/** `path: Invalid value: "x": <each qualified-name failure>` */
export function validateQualifiedName(value: string, path: string): FieldError[] {
  return isQualifiedName(value).map((msg) => invalid(path, value, msg));
}

/** `path: Invalid value: -1: must be greater than or equal to 0` */
export function validateNonnegative(value: number, path: string): FieldError[] {
  return value < 0 ? [invalid(path, value, isNegativeErrorMsg)] : [];
}

/** `path: Invalid value: <new>: field is immutable` when the JSON values differ. */
export function validateImmutable(next: unknown, prev: unknown, path: string, shown: BadValue): FieldError[] {
  return jsonEqual(next, prev) ? [] : [invalid(path, shown, fieldImmutableErrorMsg)];
}

/** IsValidIPv4Address: read sloppily, and IPv4 (an IPv4-mapped IPv6 address counts, as Go's To4 sees it). */
export function validateIPv4Address(value: string, path: string): FieldError[] {
  const ip = parseIP(value, { sloppy: true, unmap: true });
  return ip?.family === 'IPv4' ? [] : [invalid(path, value, 'must be a valid IPv4 address')];
}

/** IsValidIPv6Address: read sloppily, and not IPv4 (nor IPv4-mapped). */
export function validateIPv6Address(value: string, path: string): FieldError[] {
  const ip = parseIP(value, { sloppy: true, unmap: true });
  return ip?.family === 'IPv6' ? [] : [invalid(path, value, 'must be a valid IPv6 address')];
}

/** IsFullyQualifiedDomainName: a subdomain of at least two labels once a trailing dot is removed. */
export function validateFullyQualifiedDomainName(value: string, path: string): FieldError[] {
  if (value === '') return [required(path)];
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  const subdomainErrors = isDNS1123Subdomain(name);
  if (subdomainErrors.length > 0) return [invalid(path, name, subdomainErrors.join(','))];
  const labels = name.split('.');
  if (labels.length < 2)
    return [invalid(path, name, 'should be a domain with at least two segments separated by dots')];
  for (const label of labels) {
    const labelErrors = isDNS1123Label(label);
    if (labelErrors.length > 0) return [invalid(path, label, labelErrors.join(','))];
  }
  return [];
}

/** Go's `%#v` of a `map[string]string`: keys sorted, `map[string]string{"app":"web"}`. */
export function goStringMap(map: Readonly<Record<string, string>> | undefined): BadValue {
  const entries = Object.keys(map ?? {})
    .sort()
    .map((key) => `${goQuote(key)}:${goQuote(map?.[key] ?? '')}`);
  return goLiteral(`map[string]string{${entries.join(', ')}}`);
}

/** `null` as Go prints an unset pointer in field errors. */
export const goNull = goLiteral('null');

// resource.Quantity's grammar: a signed decimal, then a binary or decimal suffix or an exponent.
const QUANTITY = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;
const QUANTITY_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const SUFFIX_FACTORS: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** A quantity's value as a double (enough to compare and to check the sign); undefined when it does not parse. */
export function quantityValue(quantity: string | number): number | undefined {
  if (typeof quantity === 'number') return Number.isFinite(quantity) ? quantity : undefined;
  if (!QUANTITY.test(quantity)) return undefined;
  const match = /^([+-]?[0-9.]+)(.*)$/.exec(quantity);
  const number = Number(match?.[1]);
  const suffix = match?.[2] ?? '';
  if (/^[eE]/.test(suffix)) return number * 10 ** Number(suffix.slice(1));
  return number * (SUFFIX_FACTORS[suffix] ?? Number.NaN);
}

/** A quantity that parses and is not negative (ValidateNonnegativeQuantity). */
export function validateQuantity(quantity: string | number, path: string): FieldError[] {
  const value = quantityValue(quantity);
  if (value === undefined || Number.isNaN(value)) return [invalid(path, String(quantity), QUANTITY_ERROR)];
  return value < 0 ? [invalid(path, String(quantity), isNegativeErrorMsg)] : [];
}

const HTTP_HEADER_NAME = /^[-A-Za-z0-9]+$/;

/** IsHTTPHeaderName. */
export function isHTTPHeaderName(value: string): string[] {
  if (HTTP_HEADER_NAME.test(value)) return [];
  return [
    regexError("a valid HTTP header must consist of alphanumeric characters or '-'", '[-A-Za-z0-9]+', 'X-Header-Name'),
  ];
}

function isEmptyCollection(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** Deep equality of JSON values, ignoring key order (`apiequality.Semantic.DeepEqual` for plain JSON). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // As in Semantic.DeepEqual, an unset list or map equals an empty one.
  if (a === undefined || a === null) return isEmptyCollection(b);
  if (b === undefined || b === null) return isEmptyCollection(a);
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  // An absent key and an undefined one are the same unset field.
  return [...keys].every((key) => jsonEqual(left[key], right[key]));
}

/**
 * A string field read from untrusted JSON: `''` when unset. The bundled types call some fields required that a
 * request body may still omit.
 */
export function text(value: string | undefined): string {
  return typeof value === 'string' ? value : '';
}
