/**
 * Strategic merge patch (`application/strategic-merge-patch+json`), what `kubectl apply`, `edit`
 * and `patch` send: JSON merge, except that the lists the kind's schema names merge item by item,
 * and the directives in `strategic-directives.ts` are honoured (apimachinery `strategicpatch`,
 * server side: parallel lists merged, unmatched nulls ignored).
 */
import { badPatch, catchPatchFailure, PatchFailure, type PatchResult, unclassifiedPatchError } from './errors.ts';
import {
  cloneJson,
  goTypeName,
  goValueString,
  hasKey,
  isJsonObject,
  type JsonObject,
  type JsonValue,
  removeKey,
  setKey,
} from './json.ts';
import { fieldPath, type PatchSchema } from './schema.ts';
import {
  applyRetainKeys,
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  isDirectiveKey,
  PATCH_DIRECTIVE,
  SET_ELEMENT_ORDER_PREFIX,
  withoutDirectives,
} from './strategic-directives.ts';
import { type ListContext, mergeList } from './strategic-list.ts';
import { identityBy, normalizeElementOrder, partitionByPresence, validateSetElementOrder } from './strategic-order.ts';

function expectList(value: JsonValue | undefined): JsonValue[] {
  if (!Array.isArray(value)) {
    throw new PatchFailure(unclassifiedPatchError(`expected a []interface {}, but received a ${goTypeName(value)}`));
  }
  return value;
}

/** One `$setElementOrder/<key>`: merges that list and puts it in the requested order. */
function mergeOrderedList(result: JsonObject, patch: JsonObject, key: string, path: string, ctx: ListContext): void {
  const order = expectList(patch[SET_ELEMENT_ORDER_PREFIX + key]);
  const listPath = fieldPath(path, key);
  const original = hasKey(result, key) ? expectList(result[key]) : undefined;
  const patchList = hasKey(patch, key) ? expectList(patch[key]) : undefined;
  const strategy = ctx.schema[listPath];
  const identity = identityBy(strategy?.mergeKey);
  if (patchList !== undefined) validateSetElementOrder(patchList, order, identity);
  let merged: JsonValue[];
  if (original !== undefined && patchList !== undefined) merged = mergeList(original, patchList, listPath, ctx);
  else if (patchList !== undefined) merged = withoutDirectives(patchList, listPath, ctx.schema) as JsonValue[];
  else if (original !== undefined) merged = original;
  else return;
  if (strategy !== undefined) {
    const [named, serverOnly] = partitionByPresence(merged, order, identity);
    merged = normalizeElementOrder(named, serverOnly, order, original ?? [], identity);
  }
  setKey(result, key, merged);
}

/** `$deleteFromPrimitiveList/<key>`: removes those values from the live list (a missing list stays missing). */
function deleteFromList(result: JsonObject, key: string, values: JsonValue): void {
  if (!hasKey(result, key)) return;
  if (values === null) {
    removeKey(result, key);
    return;
  }
  const remove = expectList(values);
  setKey(
    result,
    key,
    expectList(result[key]).filter((item) => !remove.some((v) => v === item)),
  );
}

/** One plain field: null deletes, maps and lists merge, anything else replaces. */
function mergeField(result: JsonObject, key: string, value: JsonValue, path: string, ctx: ListContext): void {
  if (value === null) {
    removeKey(result, key);
    return;
  }
  const current = hasKey(result, key) ? result[key] : undefined;
  if (isJsonObject(current) && isJsonObject(value)) setKey(result, key, mergeObject(current, value, path, ctx));
  else if (Array.isArray(current) && Array.isArray(value)) setKey(result, key, mergeList(current, value, path, ctx));
  else setKey(result, key, withoutDirectives(value, path, ctx.schema));
}

/** `patch` merged into `original` (which the caller owns and which is changed in place). */
function mergeObject(original: JsonObject, patch: JsonObject, path: string, ctx: ListContext): JsonObject {
  const directive = patch[PATCH_DIRECTIVE];
  if (directive === 'replace') return withoutDirectives(patch, path, ctx.schema) as JsonObject;
  if (directive === 'delete') return {};
  if (directive !== undefined && directive !== 'merge') {
    // `merge` spells out the default; upstream rejects it in maps, Portico accepts it.
    throw new PatchFailure(
      unclassifiedPatchError(`unknown patch type: ${goValueString(directive)} in map: ${goValueString(patch)}`),
    );
  }
  applyRetainKeys(original, patch);
  const ordered = new Set<string>();
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    const listKey = key.slice(SET_ELEMENT_ORDER_PREFIX.length);
    mergeOrderedList(original, patch, listKey, path, ctx);
    ordered.add(listKey);
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)) {
      deleteFromList(original, key.slice(DELETE_FROM_PRIMITIVE_LIST_PREFIX.length), value);
    } else if (!isDirectiveKey(key) && !ordered.has(key)) {
      mergeField(original, key, value, fieldPath(path, key), ctx);
    }
  }
  return original;
}

/**
 * `target` with the strategic merge `patch` applied, using `schema` (see `schemas.ts`) to find the
 * lists that merge. Neither input is changed.
 *
 * @example
 * const patch = { spec: { '$setElementOrder/ports': [{ port: 80 }], ports: [{ port: 80, targetPort: 9090 }] } };
 * applyStrategicMergePatch(service, patch, SERVICE_PATCH_SCHEMA);
 */
export function applyStrategicMergePatch(
  target: unknown,
  patch: unknown,
  schema: PatchSchema,
): PatchResult<JsonObject> {
  // A `null` body decodes to an empty map in Go: nothing to change.
  const body = patch === null ? {} : patch;
  if (!isJsonObject(body)) {
    const what = Array.isArray(body) ? 'array' : typeof body === 'boolean' ? 'bool' : typeof body;
    return {
      ok: false,
      error: badPatch(`json: cannot unmarshal ${what} into Go value of type map[string]interface {}`),
    };
  }
  const ctx: ListContext = { schema, mergeObject: (o, p, path) => mergeObject(o, p, path, ctx) };
  const original = isJsonObject(target) ? cloneJson(target) : {};
  return catchPatchFailure(() => mergeObject(original, cloneJson(body), '', ctx));
}
