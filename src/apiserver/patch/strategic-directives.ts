/**
 * The directives a strategic merge patch may carry besides plain fields. None of them is ever
 * stored: each is acted on, then dropped.
 *
 * - `$patch: replace | delete | merge` in a map, or as a list item (`delete` needs the merge key)
 * - `$retainKeys: [...]`: keys of the map to keep; the others are cleared
 * - `$setElementOrder/<list>: [...]`: the order of a merged list
 * - `$deleteFromPrimitiveList/<list>: [...]`: values to remove from a merged list of strings
 * - `null`: delete the field
 */
import { badPatch, PatchFailure } from './errors.ts';
import { hasKey, isJsonObject, type JsonObject, type JsonValue, removeKey, setKey } from './json.ts';
import { fieldPath, itemPath, type PatchSchema } from './schema.ts';

/** `$patch`. */
export const PATCH_DIRECTIVE = '$patch';
/** `$retainKeys`. */
export const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
/** `$setElementOrder/` followed by the list's key. */
export const SET_ELEMENT_ORDER_PREFIX = '$setElementOrder/';
/** `$deleteFromPrimitiveList/` followed by the list's key. */
export const DELETE_FROM_PRIMITIVE_LIST_PREFIX = '$deleteFromPrimitiveList/';

/** True for a key that is a directive rather than a field. */
export function isDirectiveKey(key: string): boolean {
  return (
    key === PATCH_DIRECTIVE ||
    key === RETAIN_KEYS_DIRECTIVE ||
    key.startsWith(SET_ELEMENT_ORDER_PREFIX) ||
    key.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)
  );
}

/** True for a list item that carries `$patch` (a delete, replace or merge marker, not content). */
export function isDirectiveItem(item: JsonValue): boolean {
  return isJsonObject(item) && hasKey(item, PATCH_DIRECTIVE);
}

/**
 * A patch value with no original to merge into, made storable: directives and `null`s dropped,
 * `$patch: delete` maps emptied, marker items removed from merging lists.
 */
export function withoutDirectives(value: JsonValue, path: string, schema: PatchSchema): JsonValue {
  if (Array.isArray(value)) {
    const items = schema[path] === undefined ? value : value.filter((item) => !isDirectiveItem(item));
    return items.map((item) => withoutDirectives(item, itemPath(path), schema));
  }
  if (!isJsonObject(value)) return value;
  if (value[PATCH_DIRECTIVE] === 'delete') return {};
  const result: JsonObject = {};
  for (const [key, inner] of Object.entries(value)) {
    if (inner === null || isDirectiveKey(key)) continue;
    setKey(result, key, withoutDirectives(inner, fieldPath(path, key), schema));
  }
  return result;
}

/**
 * `$retainKeys`: every other key of `original` is cleared. Each field the patch sets must be
 * listed, or the patch is malformed.
 */
export function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!hasKey(patch, RETAIN_KEYS_DIRECTIVE)) return;
  const retain = patch[RETAIN_KEYS_DIRECTIVE];
  if (!Array.isArray(retain)) throw new PatchFailure(badPatch('invalid patch format of retainKeys'));
  const kept = new Set(retain);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || isDirectiveKey(key)) continue;
    if (!kept.has(key)) throw new PatchFailure(badPatch('invalid patch format of retainKeys'));
  }
  for (const key of Object.keys(original)) {
    if (!kept.has(key)) removeKey(original, key);
  }
}
