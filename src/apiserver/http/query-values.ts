/**
 * Query-string values converted the way kube-apiserver's parameter codec converts them (apimachinery's
 * `Convert_Slice_string_To_bool` / `_To_Pointer_int64`): only the first value of a repeated parameter counts.
 */
import { badRequest } from '../../api/status.ts';
import { type Result, fail, ok } from '../rest/result.ts';

// Go's int64 range, as strconv.ParseInt(s, 10, 64) checks it.
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/**
 * A boolean parameter as upstream reads it: absent, `0` or `false` (any letter case) is false, every other value —
 * `true`, `True` (the Python client), `1`, `t`, even the empty string — is true. Upstream never rejects one.
 */
export function queryBool(params: URLSearchParams, name: string): boolean {
  const value = params.get(name);
  return value !== null && value !== '0' && value.toLowerCase() !== 'false';
}

/** A boolean parameter that is left unset when absent (upstream's `*bool` fields such as `sendInitialEvents`). */
export function optionalQueryBool(params: URLSearchParams, name: string): boolean | undefined {
  return params.has(name) ? queryBool(params, name) : undefined;
}

/**
 * Go's `strconv.ParseInt(value, 10, 64)`: an optional sign and decimal digits, within int64. The error text is
 * Go's, which kube-apiserver returns as a 400.
 */
export function parseGoInt64(value: string): Result<number> {
  if (!/^[+-]?\d+$/.test(value)) {
    return fail(badRequest(`strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`));
  }
  const big = BigInt(value);
  if (big > INT64_MAX || big < INT64_MIN) {
    return fail(badRequest(`strconv.ParseInt: parsing ${JSON.stringify(value)}: value out of range`));
  }
  return ok(Number(big));
}

/** An int64 parameter, unset when absent or empty (the empty string converts to nothing upstream too). */
export function optionalQueryInt(params: URLSearchParams, name: string): Result<number | undefined> {
  const value = params.get(name);
  if (value === null || value === '') return ok(undefined);
  return parseGoInt64(value);
}
