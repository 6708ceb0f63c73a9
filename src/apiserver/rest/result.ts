/** Outcomes of registry operations as data: a value or the `Status` the server answers with. */
import { type Status, internalError } from '../../api/status.ts';
import { isStoreError } from '../../store/errors.ts';

/** A value, or the failure to send. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly status: Status };

/** A success. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** A failure. */
export function fail<T>(status: Status): Result<T> {
  return { ok: false, status };
}

/** A failure the store reported that the caller did not map itself: a 500 that names the store's reason. */
export function storeFailure<T>(error: unknown): Result<T> {
  if (isStoreError(error)) return fail(internalError(error.message));
  throw error;
}
