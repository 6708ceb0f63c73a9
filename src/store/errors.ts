/** Errors of every store driver, in one class with stable codes (the HTTP edge maps them to Status). */

/** Why a store call failed. */
export type StoreErrorCode =
  'AlreadyExists' | 'NotFound' | 'Conflict' | 'Compacted' | 'Closed' | 'Unsupported' | 'InvalidArgument';

/** Facts a caller may need to build its response (the 410 message, a conflict's current revision). */
export interface StoreErrorDetails {
  readonly key?: string;
  /** For `Conflict`: the key's current modRevision; for `Compacted`: the revision asked for. */
  readonly revision?: number;
  /** For `Compacted`: the compaction point. */
  readonly compactedRevision?: number;
  readonly cause?: unknown;
}

/** A store failure; `code` is stable, `message` is for people. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly key: string | undefined;
  readonly revision: number | undefined;
  readonly compactedRevision: number | undefined;

  constructor(code: StoreErrorCode, message: string, details: StoreErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'StoreError';
    this.code = code;
    this.key = details.key;
    this.revision = details.revision;
    this.compactedRevision = details.compactedRevision;
  }
}

/** Whether `error` is a StoreError (with `code`, when given). */
export function isStoreError(error: unknown, code?: StoreErrorCode): error is StoreError {
  return error instanceof StoreError && (code === undefined || error.code === code);
}

/** `AlreadyExists` for `key`. */
export function alreadyExists(key: string): StoreError {
  return new StoreError('AlreadyExists', `key ${JSON.stringify(key)} already exists`, { key });
}

/** `NotFound` for `key`. */
export function notFound(key: string): StoreError {
  return new StoreError('NotFound', `key ${JSON.stringify(key)} not found`, { key });
}

/** `Conflict`: `key` is at `revision`, the caller expected `expected`. */
export function conflict(key: string, expected: number, revision: number): StoreError {
  const message = `key ${JSON.stringify(key)} is at revision ${revision}, not the expected ${expected}`;
  return new StoreError('Conflict', message, { key, revision });
}

/** `Compacted`: history after `revision` is gone up to `compactedRevision` (the apiserver's 410). */
export function compacted(revision: number, compactedRevision: number): StoreError {
  const message = `revision ${revision} is compacted (history starts after ${compactedRevision})`;
  return new StoreError('Compacted', message, { revision, compactedRevision });
}

/** `Closed`: the store was closed. */
export function closed(): StoreError {
  return new StoreError('Closed', 'the store is closed');
}

/** `Unsupported`: a driver, URL or option the store does not offer. */
export function unsupported(message: string, cause?: unknown): StoreError {
  return new StoreError('Unsupported', message, cause === undefined ? {} : { cause });
}

/** `InvalidArgument`: a call the store cannot make sense of (bad key, object or revision). */
export function invalidArgument(message: string, cause?: unknown): StoreError {
  return new StoreError('InvalidArgument', message, cause === undefined ? {} : { cause });
}
