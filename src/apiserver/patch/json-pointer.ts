/** JSON Pointer (RFC 6901): `/spec/ports/0/port`, with `~1` for `/` and `~0` for `~`. */
import { hasKey, isJsonObject, type JsonValue } from './json.ts';

/** The reference tokens of `pointer`, or undefined when it is not a pointer (not empty, no leading `/`). */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** An array index token: `0`, `17` (no sign, no leading zeros), as RFC 6901 allows. */
export function parseIndex(token: string): number | undefined {
  return /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : undefined;
}

/** The value at `tokens` inside `document`, or undefined when there is none. */
export function resolvePointer(document: JsonValue, tokens: readonly string[]): JsonValue | undefined {
  let current: JsonValue | undefined = document;
  for (const token of tokens) {
    if (Array.isArray(current)) {
      const index = parseIndex(token);
      current = index === undefined ? undefined : current[index];
    } else if (isJsonObject(current)) {
      current = hasKey(current, token) ? current[token] : undefined;
    } else {
      return undefined;
    }
    if (current === undefined) return undefined;
  }
  return current;
}
