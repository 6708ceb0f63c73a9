/**
 * The pod-template-hash: upstream's `ComputeHash` — FNV-1a (32 bit) over the template, then the collision count as
 * eight little-endian bytes when set, the decimal sum spelt with `SafeEncodeString`'s alphabet. Upstream feeds the
 * hasher Go's `spew` dump of the template struct, which only Go can produce; this feeds it the template's canonical
 * JSON (keys sorted) instead, so names have upstream's shape and stability but not its exact characters.
 */

/** `rand.SafeEncodeString`'s alphabet: no vowels, no look-alikes. */
export const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32 bits, over bytes. */
export function fnv32a(bytes: Uint8Array, seed = FNV_OFFSET): number {
  let hash = seed;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, FNV_PRIME) >>> 0;
  return hash >>> 0;
}

/** Each character replaced by the alphabet's entry at its code modulo 27 (`rand.SafeEncodeString`). */
export function safeEncodeString(text: string): string {
  return Array.from(text, (char) => SAFE_ALPHABET[(char.codePointAt(0) ?? 0) % SAFE_ALPHABET.length] ?? '').join('');
}

/** JSON with object keys sorted at every level: the same value always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const entries = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The pod-template-hash of a template (and collision count): at most 10 characters of `SAFE_ALPHABET`. */
export function computeHash(template: unknown, collisionCount?: number): string {
  let hash = fnv32a(new TextEncoder().encode(canonicalJson(template)));
  if (collisionCount !== undefined) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    hash = fnv32a(bytes, hash);
  }
  return safeEncodeString(String(hash));
}
