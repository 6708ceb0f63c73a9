/**
 * The sentence builders apimachinery's content validators use, so every format message
 * (DNS labels, label keys, port names) comes out byte-identical.
 */

/** `must be no more than 63 characters` */
export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** `<msg> (e.g. 'my-name',  or 'abc-123', regex used for validation is '<fmt>')` — the double space is upstream's. */
export function regexError(message: string, format: string, ...examples: readonly string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${format}')`;
  let text = `${message} (e.g. `;
  examples.forEach((example, i) => {
    if (i > 0) text += ' or ';
    text += `'${example}', `;
  });
  return `${text}regex used for validation is '${format}')`;
}

/** `must be non-empty` */
export const emptyError = 'must be non-empty';

/** `must be between 1 and 65535, inclusive` */
export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

/** `must be greater than or equal to 0` (apimachinery's IsNegativeErrorMsg). */
export const isNegativeErrorMsg = 'must be greater than or equal to 0';

/** `field is immutable` */
export const fieldImmutableErrorMsg = 'field is immutable';

/** Length in bytes, as Go's `len(string)` counts it. */
export function byteLength(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}
