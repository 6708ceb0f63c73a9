/** Small helpers for reading and copying Kubernetes objects held as plain JSON. */
import type { KubeObject } from '../registry/strategy.ts';

/** A JSON object's fields, or an empty record for anything that is not a JSON object. */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Whether `value` is a JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of a JSON value. */
export function cloneJson<T>(value: T): T {
  return structuredClone(value);
}

/** `metadata` as a mutable record (created when missing). */
export function metadataOf(object: KubeObject): Record<string, unknown> {
  if (!isRecord(object.metadata)) object.metadata = {};
  return object.metadata;
}

/** A string field of `metadata`, or `''`. */
export function metaString(object: KubeObject, field: string): string {
  const value = asRecord(object.metadata)[field];
  return typeof value === 'string' ? value : '';
}

/** Deep equality of two JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a).filter((k) => a[k] !== undefined);
  const otherKeys = Object.keys(b).filter((k) => b[k] !== undefined);
  return keys.length === otherKeys.length && keys.every((k) => jsonEqual(a[k], b[k]));
}
