/**
 * Merging one list of a strategic merge patch: lists the schema names merge (objects by merge
 * key, strings as a set), every other list is replaced by the patch's.
 */
import { PatchFailure, unclassifiedPatchError, unprocessablePatch } from './errors.ts';
import { goTypeName, goValueString, isJsonObject, jsonEqual, type JsonObject, type JsonValue } from './json.ts';
import { itemPath, type PatchSchema } from './schema.ts';
import { isDirectiveItem, PATCH_DIRECTIVE, withoutDirectives } from './strategic-directives.ts';
import { identityBy, indexIn, normalizeElementOrder, partitionByPresence } from './strategic-order.ts';

/** What list merging needs from the map merger it recurses into. */
export interface ListContext {
  readonly schema: PatchSchema;
  readonly mergeObject: (original: JsonObject, patch: JsonObject, path: string) => JsonObject;
}

function fail(message: string): never {
  throw new PatchFailure(unclassifiedPatchError(message));
}

/** Whether the items are objects or primitives; lists of lists and mixed lists cannot merge. */
function elementKind(items: readonly JsonValue[]): 'object' | 'primitive' {
  let kind: string | undefined;
  for (const item of items) {
    if (Array.isArray(item)) throw new PatchFailure(unprocessablePatch('lists of lists are not supported'));
    const current = goTypeName(item).replace('int64', 'float64');
    if (kind !== undefined && kind !== current) fail(`list element types are not identical: ${goValueString(items)}`);
    kind = current;
  }
  return kind === 'map[string]interface {}' ? 'object' : 'primitive';
}

/** Strings (or numbers) as a set: the live ones, then new ones, no repeats. */
function mergePrimitiveList(original: readonly JsonValue[], patch: readonly JsonValue[]): JsonValue[] {
  const merged: JsonValue[] = [];
  for (const item of [...original, ...patch]) if (!merged.some((m) => jsonEqual(m, item))) merged.push(item);
  const identity = identityBy(undefined);
  const [inPatch, serverOnly] = partitionByPresence(merged, patch, identity);
  return normalizeElementOrder(inPatch, serverOnly, patch, original, identity);
}

function requireMergeKey(item: JsonObject, mergeKey: string): JsonValue {
  const value = item[mergeKey];
  if (value === undefined) fail(`map: ${goValueString(item)} does not contain declared merge key: ${mergeKey}`);
  return value;
}

/** Applies the `$patch` items: deletions by merge key, `replace`; returns the live list left and the content items. */
function applyItemDirectives(original: readonly JsonValue[], patch: readonly JsonObject[], mergeKey: string) {
  let live = [...original];
  let replace = false;
  for (const item of patch.filter(isDirectiveItem)) {
    const directive = item[PATCH_DIRECTIVE];
    if (directive === 'delete') {
      const key = requireMergeKey(item, mergeKey);
      live = live.filter((entry) => !(isJsonObject(entry) && jsonEqual(entry[mergeKey], key)));
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive !== 'merge') {
      // `merge` is the default for these lists; upstream rejects it, Portico accepts it as a no-op.
      fail(`unknown patch type: ${goValueString(directive)} in map: ${goValueString(item)}`);
    }
  }
  return { live, content: patch.filter((item) => !isDirectiveItem(item)), replace };
}

function mergeObjectList(
  original: readonly JsonValue[],
  patch: readonly JsonValue[],
  mergeKey: string,
  path: string,
  ctx: ListContext,
) {
  const items = patch as JsonObject[];
  const { live, content, replace } = applyItemDirectives(original, items, mergeKey);
  const itemsPath = itemPath(path);
  if (replace) return content.map((item) => withoutDirectives(item, itemsPath, ctx.schema));
  const identity = identityBy(mergeKey);
  const merged = [...live];
  for (const item of content) {
    requireMergeKey(item, mergeKey);
    const index = indexIn(merged, item, identity);
    const current = index >= 0 ? merged[index] : undefined;
    if (isJsonObject(current)) merged[index] = ctx.mergeObject(current, item, itemsPath);
    else merged.push(withoutDirectives(item, itemsPath, ctx.schema));
  }
  const [inPatch, serverOnly] = partitionByPresence(merged, content, identity);
  return normalizeElementOrder(inPatch, serverOnly, content, live, identity);
}

/** The list at `path` after merging `patch` into `original`. */
export function mergeList(
  original: readonly JsonValue[],
  patch: readonly JsonValue[],
  path: string,
  ctx: ListContext,
): JsonValue[] {
  const strategy = ctx.schema[path];
  if (strategy === undefined) return withoutDirectives(patch as JsonValue[], path, ctx.schema) as JsonValue[];
  if (original.length === 0 && patch.length === 0) return [];
  if (elementKind([...original, ...patch]) === 'primitive') return mergePrimitiveList(original, patch);
  if (strategy.mergeKey === undefined) fail('cannot merge lists without merge key for type struct');
  return mergeObjectList(original, patch, strategy.mergeKey, path, ctx);
}
