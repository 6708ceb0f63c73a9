/**
 * Patch failures as data. The HTTP edge turns each into a `metav1.Status` with the code and
 * reason given here, as kube-apiserver's `interpretStrategicMergePatchError` and JSON-patch
 * handling do.
 */

/** Why a patch could not be applied. */
export interface PatchError {
  /**
   * 400 for a malformed patch, 413 for one past the size limits, 422 for one that does not fit the object, 500
   * for what upstream does not classify.
   */
  readonly code: 400 | 413 | 422 | 500;
  readonly reason: 'BadRequest' | 'RequestEntityTooLarge' | 'Invalid' | 'InternalError';
  /** The message the Status carries. */
  readonly message: string;
  /** What the engine found wrong; for 422 upstream keeps it out of the Status, so log it. */
  readonly detail: string;
}

/** A patched value, or why there is none. */
export type PatchResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: PatchError };

/** The message kube-apiserver sends for every 422 a patch engine reports. */
export const UNPROCESSABLE_PATCH_MESSAGE = 'the server rejected our request due to an error in our request';

/** 400: the patch itself is malformed. */
export function badPatch(message: string): PatchError {
  return { code: 400, reason: 'BadRequest', message, detail: message };
}

/** 422: the patch cannot be applied to this object (a missing path, a failed test, a list of lists). */
export function unprocessablePatch(detail: string): PatchError {
  return { code: 422, reason: 'Invalid', message: UNPROCESSABLE_PATCH_MESSAGE, detail };
}

/**
 * An error upstream passes through unclassified (a list item without its merge key, an unknown `$patch`, a
 * `$setElementOrder` that does not fit): kube-apiserver answers these with a 500, but each is a malformed patch,
 * and no request may make Portico answer 500 — so a 400 with the library's message.
 */
export function unclassifiedPatchError(message: string): PatchError {
  return { code: 400, reason: 'BadRequest', message, detail: message };
}

/** Thrown inside an engine and caught at its entry point, which returns it as data. */
export class PatchFailure extends Error {
  /** The failure to report. */
  readonly error: PatchError;

  constructor(error: PatchError) {
    super(error.detail);
    this.error = error;
  }
}

/** Runs `apply`, turning a thrown PatchFailure into a failed result. */
export function catchPatchFailure<T>(apply: () => T): PatchResult<T> {
  try {
    return { ok: true, value: apply() };
  } catch (err) {
    if (err instanceof PatchFailure) return { ok: false, error: err.error };
    throw err;
  }
}
