/**
 * JSON as Kubernetes decodes it: an explicit `null` means "not set". The API model's functions
 * take objects without nulls, so request bodies pass through here first.
 */

/** A deep copy with every `null`-valued object property removed (array elements are kept). */
export function withoutNulls<T>(value: T): T {
  return strip(value) as T;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (inner !== null) out[key] = strip(inner);
  }
  return out;
}
