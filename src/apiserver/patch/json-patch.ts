/**
 * JSON Patch (RFC 6902), `application/json-patch+json`: add, remove, replace, move, copy and test,
 * applied in order, all or nothing. A path that does not resolve is a 422, as kube-apiserver
 * reports failures of evanphx/json-patch.
 */
import { badPatch, catchPatchFailure, PatchFailure, type PatchResult, unprocessablePatch } from './errors.ts';
import { cloneJson, isJsonObject, jsonEqual, type JsonObject, type JsonValue } from './json.ts';
import { addAt, type PatchDocument, readAt, removeAt } from './json-patch-ops.ts';
import { parsePointer } from './json-pointer.ts';
import { MAX_JSON_PATCH_OPERATIONS, PatchBudget, tooManyOperations } from './limits.ts';

/** One RFC 6902 operation as it arrives in the request body. */
export interface JsonPatchOperation {
  readonly op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  readonly path: string;
  readonly value?: unknown;
  readonly from?: string;
}

function fail(detail: string): never {
  throw new PatchFailure(unprocessablePatch(detail));
}

/** The tokens of the operation's `path` (or `from`), failing when it is absent or not a pointer. */
function pointer(operation: JsonObject, member: 'path' | 'from', op: string): string[] {
  const text = operation[member];
  if (typeof text !== 'string') fail(`${op} operation failed to decode ${member}: missing value`);
  const tokens = parsePointer(text);
  if (tokens === undefined) fail(`${op} operation does not apply: invalid JSON pointer: "${text}"`);
  return tokens;
}

function valueOf(operation: JsonObject, op: string): JsonValue {
  if (!Object.hasOwn(operation, 'value')) fail(`${op} operation requires a value: missing value`);
  return cloneJson(operation.value as JsonValue);
}

/** The operation's text fields, for messages (empty when absent). */
interface Names {
  readonly op: string;
  readonly path: string;
  readonly from: string;
}

/** The document being patched and the budget every operation is charged against before it applies. */
interface PatchState {
  readonly doc: PatchDocument;
  readonly budget: PatchBudget;
}

type Operation = (state: PatchState, operation: JsonObject, names: Names) => void;

const OPERATIONS: Readonly<Record<string, Operation>> = {
  add({ doc, budget }, operation, { op, path }) {
    const tokens = pointer(operation, 'path', op);
    const value = valueOf(operation, op);
    budget.added(value, tokens.length);
    addAt(doc, tokens, value, path);
  },
  remove({ doc }, operation, { op, path }) {
    removeAt(doc, pointer(operation, 'path', op), op, path);
  },
  replace({ doc, budget }, operation, { op, path }) {
    const tokens = pointer(operation, 'path', op);
    const value = valueOf(operation, op);
    readAt(doc, tokens, op, path);
    budget.added(value, tokens.length);
    if (tokens.length > 0) removeAt(doc, tokens, op, path);
    addAt(doc, tokens, value, path);
  },
  move({ doc, budget }, operation, { op, path, from }) {
    const fromTokens = pointer(operation, 'from', op);
    const to = pointer(operation, 'path', op);
    // RFC 6902 §4.4: a value cannot be moved into one of its own children.
    if (to.length > fromTokens.length && fromTokens.every((token, i) => token === to[i])) {
      fail(`move operation does not apply: "${path}" is a child of "${from}"`);
    }
    budget.moved(fromTokens.length, to.length);
    addAt(doc, to, removeAt(doc, fromTokens, op, from), path);
  },
  copy({ doc, budget }, operation, { op, path, from }) {
    const source = readAt(doc, pointer(operation, 'from', op), op, from);
    const to = pointer(operation, 'path', op);
    // Charged before the copy is made: a patch that would grow the object past the limit stops here.
    budget.copied(source, to.length);
    addAt(doc, to, cloneJson(source), path);
  },
  test({ doc }, operation, { op, path }) {
    if (!jsonEqual(readAt(doc, pointer(operation, 'path', op), op, path), valueOf(operation, op))) {
      fail(`testing value ${path} failed: test failed`);
    }
  },
};

function text(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

/** Applies one operation to the document. */
function applyOperation(state: PatchState, operation: JsonObject): void {
  const names = { op: text(operation.op) || 'unknown', path: text(operation.path), from: text(operation.from) };
  const apply = Object.hasOwn(OPERATIONS, names.op) ? OPERATIONS[names.op] : undefined;
  if (apply === undefined) fail(`Unexpected kind: ${names.op}`);
  apply(state, operation, names);
}

/**
 * `target` with `operations` applied in order; the first failing operation fails the whole patch
 * (400 when the body is not a list of operations, 413 past 10,000 operations or when the object would outgrow
 * the 3 MiB limit, 422 when an operation does not apply or copies more than 3 MiB).
 *
 * @example
 * applyJsonPatch({ spec: { replicas: 1 } }, [{ op: 'replace', path: '/spec/replicas', value: 3 }])
 */
export function applyJsonPatch(target: unknown, operations: unknown): PatchResult<JsonValue> {
  if (!Array.isArray(operations) || !operations.every(isJsonObject)) {
    return { ok: false, error: badPatch('json: cannot unmarshal object into Go value of type jsonpatch.Patch') };
  }
  if (operations.length > MAX_JSON_PATCH_OPERATIONS) return { ok: false, error: tooManyOperations(operations.length) };
  return catchPatchFailure(() => {
    const budget = new PatchBudget(target as JsonValue);
    const doc: PatchDocument = { root: cloneJson(target) as JsonValue };
    for (const operation of operations) applyOperation({ doc, budget }, operation);
    return doc.root;
  });
}
