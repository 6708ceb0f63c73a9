/**
 * Go's `encoding/json` as kube-apiserver's decoders report it: the wording of an `UnmarshalTypeError`, int64
 * ranges, and the scanner's nesting limit. Bodies are parsed by JavaScript; these keep the answers upstream's.
 */

/** Go's name for the JSON kind of a decoded value, as `UnmarshalTypeError.Value` says it. */
export function goJsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      return 'number';
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    default:
      return 'object';
  }
}

/** A number as Go prints its literal (`1e30`, not JavaScript's `1e+30`). */
export function goNumberLiteral(value: number): string {
  return String(value).replace('e+', 'e');
}

/** Whether `value` fits Go's int64 (a JavaScript number that is an integer within ±2^63). */
export function isInt64(value: number): boolean {
  return Number.isInteger(value) && value >= -(2 ** 63) && value < 2 ** 63;
}

/**
 * Go's `json: cannot unmarshal <kind> into Go struct field <Struct>.<path> of type <type>`. A number meant for
 * an integer names itself (`number 1.5`), as Go's decoder does.
 */
export function unmarshalTypeError(value: unknown, struct: string, path: string, goType: string): string {
  const integerTarget = /^(\*?u?int(8|16|32|64)?)$/.test(goType);
  const kind = typeof value === 'number' && integerTarget ? `number ${goNumberLiteral(value)}` : goJsonKind(value);
  return `json: cannot unmarshal ${kind} into Go struct field ${struct}.${path} of type ${goType}`;
}

/** Go's JSON scanner limit (`maxNestingDepth`): deeper input is refused before it is decoded. */
export const GO_MAX_NESTING_DEPTH = 10_000;

/**
 * The deepest nesting Portico keeps. Upstream's typed decoding drops unknown fields, so objects it stores are
 * only as deep as their schema; Portico keeps unknown fields as given, and the engine's recursive copies give
 * out near 2,000 levels. No Kubernetes object comes near this.
 */
export const MAX_OBJECT_DEPTH = 512;

/**
 * The opening character of the first container nested deeper than `limit` in a decoded value, or undefined when
 * none is. Iterative, so it cannot itself run out of stack.
 */
export function firstTooDeep(value: unknown, limit: number): '{' | '[' | undefined {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const current = next.value;
    if (typeof current !== 'object' || current === null) continue;
    const depth = next.depth + 1;
    if (depth > limit) return Array.isArray(current) ? '[' : '{';
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth });
    }
  }
  return undefined;
}

/** Go's scanner error for input nested too deeply. */
export function maxDepthMessage(opening: '{' | '['): string {
  return `invalid character '${opening}' exceeded max depth`;
}
