/** JSON Merge Patch (RFC 7386), `application/merge-patch+json`: objects merge, `null` deletes, anything else replaces. */
import { cloneJson, isJsonObject, type JsonObject, type JsonValue, removeKey, setKey } from './json.ts';

/**
 * `target` with `patch` merged in. Neither input is changed; the result shares nothing with them.
 *
 * @example
 * applyMergePatch({ spec: { replicas: 1, paused: true } }, { spec: { replicas: 3, paused: null } })
 * // → { spec: { replicas: 3 } }
 */
export function applyMergePatch(target: unknown, patch: unknown): JsonValue {
  return mergeValue(cloneJson(target) as JsonValue | undefined, cloneJson(patch) as JsonValue);
}

/** RFC 7386 `MergePatch`, working in place on values this module owns. */
function mergeValue(target: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (!isJsonObject(patch)) return patch;
  const result: JsonObject = isJsonObject(target) ? target : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) removeKey(result, key);
    else setKey(result, key, mergeValue(Object.hasOwn(result, key) ? result[key] : undefined, value));
  }
  return result;
}
