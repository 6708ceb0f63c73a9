/**
 * How apimachinery joins several errors into one message (`utilerrors.Aggregate`): duplicates
 * dropped, one message alone, several as `[a, b]`.
 */

/** `a` for one message, `[a, b]` for several, after removing repeats. */
export function aggregateMessage(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  if (unique.length === 1) return unique[0] ?? '';
  return `[${unique.join(', ')}]`;
}
