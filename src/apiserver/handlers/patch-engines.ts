/** The four patch media types, each applied by its engine from `patch/`; failures become a `Status`. */
import { invalid } from '../../api/field-errors.ts';
import { type Status, invalidStatus } from '../../api/status.ts';
import { objectMetaTypeError } from '../http/object-meta-types.ts';
import { schemaTypeError } from '../http/schema-types.ts';
import type { PatchMediaType } from '../http/media.ts';
import {
  type JsonValue,
  type PatchError,
  type PatchResult,
  applyJsonPatch,
  applyMergePatch,
  applyServerSideApply,
  applyStrategicMergePatch,
  patchSchemaFor,
} from '../patch/index.ts';
import { checkPatchedSize } from '../patch/limits.ts';
import type { KubeObject } from '../registry/strategy.ts';
import { isRecord } from '../rest/objects.ts';
import { type Result, fail, ok } from '../rest/result.ts';

/** The Status for a patch engine's failure (its code, reason and message; the engine's detail as the cause). */
export function patchErrorStatus(error: PatchError): Status {
  // Upstream wraps what the engine found in a generic 422 whose one cause is an UnexpectedServerResponse.
  const cause = { reason: 'UnexpectedServerResponse', message: error.detail };
  const causes = error.detail === error.message ? {} : { details: { causes: [cause] } };
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: error.message,
    reason: error.reason,
    ...causes,
    code: error.code,
  };
}

/**
 * The patched object as upstream decodes it again: too large or too deep is 413/422 (the limits of
 * `patch/limits.ts`), and `metadata` of the wrong JSON types is the 422 upstream's patcher makes of a decode
 * error (`"" is invalid: patch: Invalid value: "<the patched JSON>": json: cannot unmarshal ...`).
 */
function asObjectResult(result: PatchResult<unknown>, kind: string): Result<KubeObject> {
  if (!result.ok) return fail(patchErrorStatus(result.error));
  const limits = checkPatchedSize(result.value as JsonValue);
  if (limits !== undefined) return fail(patchErrorStatus(limits));
  if (!isRecord(result.value)) {
    const message = 'the patch does not leave an object';
    return fail(patchErrorStatus({ code: 422, reason: 'Invalid', message, detail: message }));
  }
  const apiVersion = typeof result.value['apiVersion'] === 'string' ? result.value['apiVersion'] : '';
  const metaError = objectMetaTypeError(result.value, kind) ?? schemaTypeError(result.value, apiVersion, kind);
  if (metaError !== undefined) {
    return fail(invalidStatus({ kind: '' }, '', [invalid('patch', JSON.stringify(result.value), metaError)]));
  }
  return ok(result.value as KubeObject);
}

/** What a patch is applied with: the patch itself, the kind whose merge keys apply, and (for apply) the manager. */
export interface PatchInput {
  readonly type: PatchMediaType;
  readonly patch: unknown;
  readonly kind: string;
  readonly fieldManager: string;
}

/**
 * `target` (undefined when there is no object yet, which only server-side apply accepts) with the patch applied.
 * Server-side apply merges without field ownership (see `patch/server-side-apply.ts`).
 */
export function applyPatch(target: KubeObject | undefined, input: PatchInput): Result<KubeObject> {
  const { type, patch } = input;
  if (type === 'application/apply-patch+yaml') {
    const applied = applyServerSideApply(target, patch, input.fieldManager);
    return asObjectResult(applied.ok ? { ok: true, value: applied.object } : applied, input.kind);
  }
  const base = target ?? {};
  switch (type) {
    case 'application/json-patch+json':
      return asObjectResult(applyJsonPatch(base, patch), input.kind);
    case 'application/merge-patch+json':
      return asObjectResult({ ok: true, value: applyMergePatch(base, patch) }, input.kind);
    case 'application/strategic-merge-patch+json':
      return asObjectResult(applyStrategicMergePatch(base, patch, patchSchemaFor(input.kind)), input.kind);
  }
}
