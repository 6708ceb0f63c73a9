/**
 * Keys and prefixes. Keys sort in code point order (UTF-8 byte order, as etcd and SQLite compare
 * them), which for the ASCII keys of Kubernetes is plain string order.
 */
import { invalidArgument } from './errors.ts';

// With the `u` flag a paired surrogate reads as one astral code point, so this matches lone halves only.
const LONE_SURROGATE = /\p{Cs}/u;
const MAX_CODE_POINT = 0x10ffff;

/** Throws `InvalidArgument` unless `key` is a non-empty, well-formed string. */
export function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key === '') throw invalidArgument(`a key must be a non-empty string`);
  if (LONE_SURROGATE.test(key)) throw invalidArgument(`key ${JSON.stringify(key)} is not well-formed Unicode`);
  return key;
}

/** Throws `InvalidArgument` unless `prefix` is a well-formed string (`''` means every key). */
export function checkPrefix(prefix: unknown): string {
  if (typeof prefix !== 'string') throw invalidArgument('a prefix must be a string');
  if (LONE_SURROGATE.test(prefix)) throw invalidArgument(`prefix ${JSON.stringify(prefix)} is not well-formed`);
  return prefix;
}

/** Throws `InvalidArgument` unless `revision` is a whole number ≥ 0. */
export function checkRevision(revision: unknown, what = 'revision'): number {
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 0) {
    throw invalidArgument(`${what} must be a whole number ≥ 0, not ${String(revision)}`);
  }
  return revision;
}

/** Compares keys by code point, like a byte comparison of their UTF-8 forms. */
export function compareKeys(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  for (let i = 0; i < shorter; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codeUnitRank(x) - codeUnitRank(y);
  }
  return a.length - b.length;
}

// UTF-16 puts astral code points (surrogates, D800–DFFF) before U+E000–U+FFFF; code point order puts them after.
function codeUnitRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

/**
 * The smallest string above every key that starts with `prefix`, so that a prefix scan is the range
 * `[prefix, end)`; undefined when there is no such bound (the empty prefix).
 */
export function prefixEnd(prefix: string): string | undefined {
  const points = Array.from(prefix, (c) => c.codePointAt(0) ?? 0);
  while (points.length > 0) {
    const last = points.pop() ?? MAX_CODE_POINT;
    if (last < MAX_CODE_POINT) {
      // Skip the surrogate block: those are not code points of their own.
      points.push(last === 0xd7ff ? 0xe000 : last + 1);
      return String.fromCodePoint(...points);
    }
  }
  return undefined;
}
