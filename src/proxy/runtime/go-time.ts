/** Times printed the way Go's `encoding/json` prints a `time.Time` (RFC 3339 with nanoseconds, zeros trimmed). */

/** Go's zero `time.Time`, which `json.Marshal` prints as is. */
const goZeroTime = '0001-01-01T00:00:00Z';

/**
 * `time.Time.MarshalJSON` text (without the quotes) for epoch milliseconds in UTC; null is Go's zero time.
 *
 * @example
 * formatRFC3339Nano(Date.UTC(2024, 0, 2, 3, 4, 5, 120)) // '2024-01-02T03:04:05.12Z'
 */
export function formatRFC3339Nano(ms: number | null): string {
  if (ms === null) return goZeroTime;
  const iso = new Date(ms).toISOString();
  const [seconds = '', fraction = '000Z'] = iso.split('.');
  const digits = fraction.slice(0, -1).replace(/0+$/, '');
  return digits === '' ? `${seconds}Z` : `${seconds}.${digits}Z`;
}
