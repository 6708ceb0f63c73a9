/** Reading fields the schema marks required that stored or user-sent JSON may still leave out. */

/** `value` typed as possibly missing (a JSON `null` reads as missing too). */
export function loose<T>(value: T): NonNullable<T> | undefined {
  return value ?? undefined;
}
