/**
 * The order of a merged list (upstream's "preserve order in strategic merge patch"): items the
 * patch names keep the patch's order (or `$setElementOrder`'s), items only the server has keep
 * theirs, and the two are interleaved by where they stood in the live list.
 */
import { PatchFailure, unclassifiedPatchError } from './errors.ts';
import { goValueString, hasKey, isJsonObject, jsonEqual, type JsonValue } from './json.ts';

/** How list items are told apart: by merge key for objects, by value for primitives. */
export type ItemIdentity = (item: JsonValue) => unknown;

/** Identity by `mergeKey` (undefined when an item lacks it), or by value when there is no merge key. */
export function identityBy(mergeKey: string | undefined): ItemIdentity {
  if (mergeKey === undefined) return (item) => item;
  return (item) => (isJsonObject(item) && hasKey(item, mergeKey) ? item[mergeKey] : undefined);
}

/** Where `item` stands in `list`, or -1. */
export function indexIn(list: readonly JsonValue[], item: JsonValue, identity: ItemIdentity): number {
  const id = identity(item);
  return list.findIndex((other) => jsonEqual(identity(other), id));
}

/** `items` sorted (stably) by their position in `order`. */
function sortByOrder(items: readonly JsonValue[], order: readonly JsonValue[], identity: ItemIdentity): JsonValue[] {
  return items
    .map((item, position) => ({ item, position, rank: indexIn(order, item, identity) }))
    .sort((a, b) => (a.rank >= 0 && b.rank >= 0 ? a.rank - b.rank : 0) || a.position - b.position)
    .map((entry) => entry.item);
}

/** Splits `merged` into items present in `named` and the rest, each keeping its relative order. */
export function partitionByPresence(
  merged: readonly JsonValue[],
  named: readonly JsonValue[],
  identity: ItemIdentity,
): [inPatch: JsonValue[], serverOnly: JsonValue[]] {
  const inPatch: JsonValue[] = [];
  const serverOnly: JsonValue[] = [];
  for (const item of merged) (indexIn(named, item, identity) >= 0 ? inPatch : serverOnly).push(item);
  return [inPatch, serverOnly];
}

/**
 * Patch items in `patchOrder`, server-only items in `serverOrder`, interleaved: a server-only item
 * goes first whenever it stood before the next patch item in the live list.
 */
export function normalizeElementOrder(
  patchItems: readonly JsonValue[],
  serverOnly: readonly JsonValue[],
  patchOrder: readonly JsonValue[],
  serverOrder: readonly JsonValue[],
  identity: ItemIdentity,
): JsonValue[] {
  const right = sortByOrder(patchItems, patchOrder, identity);
  const left = sortByOrder(serverOnly, serverOrder, identity);
  const result: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    const l = left[i];
    const r = right[j];
    if (l === undefined) result.push(right[j++] as JsonValue);
    else if (r === undefined) result.push(left[i++] as JsonValue);
    else {
      const li = indexIn(serverOrder, l, identity);
      const ri = indexIn(serverOrder, r, identity);
      result.push(li >= 0 && ri >= 0 && li < ri ? (left[i++] as JsonValue) : (right[j++] as JsonValue));
    }
  }
  return result;
}

/**
 * Checks that the patch list's items appear in `$setElementOrder` in the same relative order
 * (deletions and other directive items aside), as upstream's `validatePatchWithSetOrderList`.
 */
export function validateSetElementOrder(
  patchList: readonly JsonValue[],
  order: readonly JsonValue[],
  identity: ItemIdentity,
): void {
  const content = patchList.filter((item) => !(isJsonObject(item) && hasKey(item, '$patch')));
  let p = 0;
  for (let s = 0; p < content.length && s < order.length; s++) {
    if (jsonEqual(identity(content[p] as JsonValue), identity(order[s] as JsonValue))) p++;
  }
  if (p < content.length) {
    throw new PatchFailure(
      unclassifiedPatchError(
        `The order in patch list:\n${goValueString(patchList)}\n doesn't match $setElementOrder list:\n${goValueString(order)}\n`,
      ),
    );
  }
}
