/**
 * What a patch may cost. kube-apiserver caps JSON patches at 10,000 operations and the bytes `copy` operations
 * add at its request limit (3 MiB); Portico also caps the size and nesting of every patched object, checked as
 * each operation applies, so a small patch can never build a huge object before it is refused.
 */
import { PatchFailure, type PatchError, unprocessablePatch } from './errors.ts';
import type { JsonValue } from './json.ts';

/** Upstream's `maxJSONPatchOperations`. */
export const MAX_JSON_PATCH_OPERATIONS = 10_000;

/** The request-body limit, which upstream also uses for `jsonpatch.AccumulatedCopySizeLimit` (3 MiB). */
export const MAX_PATCHED_BYTES = 3 * 1024 * 1024;

/** The deepest nesting a patched object may have (the same limit request bodies have). */
export const MAX_PATCHED_DEPTH = 512;

/** 413 in upstream's `NewRequestEntityTooLargeError` words. */
export function entityTooLarge(message: string): PatchError {
  const text = `Request entity too large: ${message}`;
  return { code: 413, reason: 'RequestEntityTooLarge', message: text, detail: text };
}

/** 413 for more than 10,000 operations, as kube-apiserver answers it. */
export function tooManyOperations(count: number): PatchError {
  return entityTooLarge(`The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${count}`);
}

/** 413 for a patched object larger than the request limit. */
export function objectTooLarge(): PatchError {
  return entityTooLarge(`limit is ${MAX_PATCHED_BYTES}`);
}

/** 422 for a patched object nested deeper than the limit (Go's scanner words). */
export function objectTooDeep(): PatchError {
  return unprocessablePatch(`invalid character '{' exceeded max depth`);
}

/** The serialized size (bytes, close enough: string escapes aside) and nesting depth of a value. */
export interface Measure {
  readonly bytes: number;
  readonly depth: number;
}

function scalarBytes(value: string | number | boolean | null): number {
  if (typeof value === 'string') return Buffer.byteLength(value) + 2;
  return String(value).length;
}

/**
 * Measures `value` without recursion (a stored object may be deep) and stops early once `stopAbove` bytes are
 * passed, so measuring never costs more than the budget it is checked against.
 */
export function measure(value: JsonValue, stopAbove = MAX_PATCHED_BYTES): Measure {
  let bytes = 0;
  let depth = 0;
  const stack: { value: JsonValue; depth: number }[] = [{ value, depth: 0 }];
  for (let next = stack.pop(); next !== undefined && bytes <= stopAbove; next = stack.pop()) {
    const current = next.value;
    if (typeof current !== 'object' || current === null) {
      bytes += scalarBytes(current);
      continue;
    }
    const level = next.depth + 1;
    depth = Math.max(depth, level);
    const entries: [string | undefined, JsonValue][] = Array.isArray(current)
      ? current.map((item) => [undefined, item])
      : Object.entries(current);
    bytes += 2 + Math.max(0, entries.length - 1);
    for (const [key, item] of entries) {
      if (key !== undefined) bytes += Buffer.byteLength(key) + 3;
      stack.push({ value: item, depth: level });
    }
  }
  return { bytes, depth };
}

/** Fails with 413/422 when a finished patch result is larger or deeper than the limits. */
export function checkPatchedSize(value: JsonValue): PatchError | undefined {
  const { bytes, depth } = measure(value);
  if (bytes > MAX_PATCHED_BYTES) return objectTooLarge();
  return depth > MAX_PATCHED_DEPTH ? objectTooDeep() : undefined;
}

/**
 * The running bounds of a document under JSON patch: bytes only ever grow (a removal is not deducted, so a loop
 * of copy and remove still runs out) and depth is bounded from what each operation can add.
 */
export class PatchBudget {
  #bytes: number;
  #depth: number;
  #copied = 0;

  constructor(start: JsonValue) {
    const measured = measure(start);
    this.#bytes = measured.bytes;
    this.#depth = measured.depth;
    this.#check();
  }

  /** A value from the patch body (add, replace) placed at a path `pathLength` tokens deep. */
  added(value: JsonValue, pathLength: number): void {
    const measured = measure(value);
    this.#grow(measured.bytes, pathLength + measured.depth);
  }

  /** A copy of a document value placed `pathLength` tokens deep: it also counts against the copy allowance. */
  copied(value: JsonValue, pathLength: number): void {
    const measured = measure(value);
    this.#copied += measured.bytes;
    if (this.#copied > MAX_PATCHED_BYTES) {
      throw new PatchFailure(
        unprocessablePatch(
          `Unable to complete the copy, the accumulated size increase of copy is ${this.#copied}, exceeding the limit ${MAX_PATCHED_BYTES}`,
        ),
      );
    }
    this.#grow(measured.bytes, pathLength + measured.depth);
  }

  /** A value moved from `fromLength` tokens deep to `toLength`: no bytes, but it may sink deeper. */
  moved(fromLength: number, toLength: number): void {
    this.#grow(0, this.#depth - fromLength + toLength);
  }

  #grow(bytes: number, depth: number): void {
    this.#bytes += bytes;
    this.#depth = Math.max(this.#depth, depth);
    this.#check();
  }

  #check(): void {
    if (this.#bytes > MAX_PATCHED_BYTES) throw new PatchFailure(objectTooLarge());
    if (this.#depth > MAX_PATCHED_DEPTH) throw new PatchFailure(objectTooDeep());
  }
}
