/** The three primitive edits RFC 6902 operations are built from: add, remove and read at a pointer. */
import { PatchFailure, unprocessablePatch } from './errors.ts';
import { hasKey, isJsonObject, type JsonValue, removeKey, setKey } from './json.ts';
import { parseIndex, resolvePointer } from './json-pointer.ts';

/** A document being patched; operations replace `root` when they target the whole document. */
export interface PatchDocument {
  root: JsonValue;
}

function fail(detail: string): never {
  throw new PatchFailure(unprocessablePatch(detail));
}

/** The container holding the last token of `tokens`, failing as `op` when it does not exist. */
function parentOf(doc: PatchDocument, tokens: readonly string[], op: string, path: string): JsonValue {
  const parent = resolvePointer(doc.root, tokens.slice(0, -1));
  if (parent === undefined || (!Array.isArray(parent) && !isJsonObject(parent))) {
    fail(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  }
  return parent;
}

/** The value at `tokens`, failing as `op` when there is none. */
export function readAt(doc: PatchDocument, tokens: readonly string[], op: string, path: string): JsonValue {
  const value = resolvePointer(doc.root, tokens);
  if (value === undefined) fail(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  return value;
}

/** RFC 6902 add: sets an object member, or inserts into an array (`-` appends). */
export function addAt(doc: PatchDocument, tokens: readonly string[], value: JsonValue, path: string): void {
  const key = tokens.at(-1);
  if (key === undefined) {
    doc.root = value;
    return;
  }
  const parent = parentOf(doc, tokens, 'add', path);
  if (isJsonObject(parent)) {
    setKey(parent, key, value);
    return;
  }
  const list = parent as JsonValue[];
  const index = key === '-' ? list.length : parseIndex(key);
  if (index === undefined || index > list.length) {
    fail(`error in add for path: '${path}': Unable to access invalid index: ${key}: invalid index referenced`);
  }
  list.splice(index, 0, value);
}

/** RFC 6902 remove: the member or element must exist. Returns what was removed. */
export function removeAt(doc: PatchDocument, tokens: readonly string[], op: string, path: string): JsonValue {
  const key = tokens.at(-1);
  if (key === undefined) fail(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  const parent = parentOf(doc, tokens, op, path);
  if (isJsonObject(parent)) {
    if (!hasKey(parent, key)) {
      fail(`error in ${op} for path: '${path}': Unable to remove nonexistent key: ${key}: missing value`);
    }
    const removed = parent[key] as JsonValue;
    removeKey(parent, key);
    return removed;
  }
  const list = parent as JsonValue[];
  const index = parseIndex(key);
  if (index === undefined || index >= list.length) {
    fail(`error in ${op} for path: '${path}': Unable to access invalid index: ${key}: invalid index referenced`);
  }
  return list.splice(index, 1)[0] as JsonValue;
}
