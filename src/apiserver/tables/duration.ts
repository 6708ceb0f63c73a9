/**
 * How long ago something happened, as kubectl shows it in AGE columns (apimachinery
 * `util/duration.HumanDuration` and the printers' `translateTimestampSince`).
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR_DAYS = 365;

/** Go's zero `time.Time` (0001-01-01T00:00:00Z), which metav1.Time serializes for "unset". */
const GO_ZERO_TIME_MS = -62_135_596_800_000;

/** `HumanDuration`: ~2–3 significant figures, e.g. `45s`, `3m20s`, `5h`, `2d3h`, `3y45d`. */
export function humanDuration(ms: number): string {
  // Up to 2s in the future counts as "now", to tolerate clock skew between machines.
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) return withRemainder(minutes, 'm', seconds % 60, 's');
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) return withRemainder(hours, 'h', minutes % 60, 'm');
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(ms / DAY);
  if (hours < 24 * 8) return withRemainder(days, 'd', hours % 24, 'h');
  if (hours < 24 * YEAR_DAYS * 2) return `${days}d`;
  const years = Math.trunc(days / YEAR_DAYS);
  if (hours < 24 * YEAR_DAYS * 8) return withRemainder(years, 'y', days % YEAR_DAYS, 'd');
  return `${years}y`;
}

function withRemainder(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor === 0 ? `${major}${majorUnit}` : `${major}${majorUnit}${minor}${minorUnit}`;
}

/** Milliseconds since the epoch of an RFC 3339 timestamp, or undefined when it is unset, zero or unreadable. */
export function parseTimestamp(timestamp: string | undefined | null): number | undefined {
  if (timestamp === undefined || timestamp === null || timestamp === '') return undefined;
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) || ms === GO_ZERO_TIME_MS ? undefined : ms;
}

/** The age of `timestamp` at `now`, or `<unknown>` for an unset (zero) timestamp. */
export function translateTimestampSince(timestamp: string | undefined | null, now: Date): string {
  const ms = parseTimestamp(timestamp);
  return ms === undefined ? '<unknown>' : humanDuration(now.getTime() - ms);
}
