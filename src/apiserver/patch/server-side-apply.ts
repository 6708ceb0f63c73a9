/**
 * Server-side apply (`application/apply-patch+yaml`) as create-or-merge: the applied
 * configuration becomes the object when there is none, and is strategic-merged onto the live
 * object otherwise.
 *
 * There is no field ownership tracking: `fieldManager` is required, as upstream requires it, but
 * not recorded. So there are never conflicts (another manager's values are simply overwritten),
 * and a field this manager applied before and now leaves out is kept, where real server-side
 * apply would remove it. `managedFields` is left as it is.
 */
import { badPatch, type PatchError } from './errors.ts';
import { cloneJson, isJsonObject, type JsonObject } from './json.ts';
import { patchSchemaFor } from './schemas.ts';
import { applyStrategicMergePatch } from './strategic-merge.ts';
import { withoutDirectives } from './strategic-directives.ts';

/** The object to store, and whether the apply created it (201) or updated it (200). */
export type ApplyResult =
  | { readonly ok: true; readonly object: JsonObject; readonly created: boolean }
  | { readonly ok: false; readonly error: PatchError };

/** The message upstream answers an apply without `?fieldManager=` with. */
export const FIELD_MANAGER_REQUIRED = 'PATCH, application/apply-patch+yaml requires fieldManager to be set';

/**
 * Applies `applied` (the decoded apply body) for `fieldManager`, onto `existing` when there is one.
 * The merge uses the schema of `applied.kind`. Neither input is changed.
 *
 * @example
 * applyServerSideApply(undefined, manifest, 'kubectl') // → { ok: true, object: manifest, created: true }
 */
export function applyServerSideApply(existing: unknown, applied: unknown, fieldManager: string): ApplyResult {
  if (fieldManager === '') return { ok: false, error: badPatch(FIELD_MANAGER_REQUIRED) };
  if (!isJsonObject(applied)) {
    return { ok: false, error: badPatch('the body of an apply patch must be an object') };
  }
  const schema = patchSchemaFor(typeof applied.kind === 'string' ? applied.kind : undefined);
  if (existing === undefined) {
    return { ok: true, object: withoutDirectives(cloneJson(applied), '', schema) as JsonObject, created: true };
  }
  const merged = applyStrategicMergePatch(existing, applied, schema);
  return merged.ok ? { ok: true, object: merged.value, created: false } : { ok: false, error: merged.error };
}
