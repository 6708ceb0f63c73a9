/** Fixtures for the printer tests: a fixed clock and timestamps relative to it. */

/** The `now` every printer test measures against. */
export const NOW = new Date('2024-05-01T12:00:00Z');

/** An RFC 3339 timestamp `ms` before NOW. */
export function ago(ms: number): string {
  return new Date(NOW.getTime() - ms).toISOString().replace('.000Z', 'Z');
}

/** Milliseconds in a minute, hour and day. */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
