/**
 * RFC 3339 times as Kubernetes writes them: `metav1.Time` as `2006-01-02T15:04:05Z` (whole
 * seconds, UTC) and `metav1.MicroTime` as `2006-01-02T15:04:05.000000Z` (always six digits).
 */
import { ProtobufError } from './errors.ts';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/**
 * Formats Unix `seconds` in UTC; with `nanos` given, adds the microseconds (MicroTime). Years
 * outside 0000–9999 are refused, as Go's Time.MarshalJSON refuses them.
 */
export function formatRfc3339(seconds: number, nanos: number | undefined, path: string): string {
  const date = new Date(seconds * 1000);
  const year = date.getUTCFullYear();
  if (!Number.isFinite(date.getTime()) || year < 0 || year > 9999) {
    throw new ProtobufError('PROTOBUF_BAD_VALUE', `time ${seconds}s is outside years 0000-9999`, path);
  }
  const day = `${pad(year, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
  const time = `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}`;
  const fraction = nanos === undefined ? '' : `.${pad(Math.floor(nanos / 1000), 6)}`;
  return `${day}T${time}${fraction}Z`;
}

/** Parses an RFC 3339 time into Unix seconds and nanoseconds. */
export function parseRfc3339(text: string, path: string): { seconds: number; nanos: number } {
  const match = RFC3339.exec(text);
  const bad = (): ProtobufError => new ProtobufError('PROTOBUF_BAD_VALUE', `not an RFC 3339 time: "${text}"`, path);
  if (match === null) throw bad();
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // setUTCFullYear keeps years below 100 as they are
  date.setUTCHours(hour, minute, second, 0);
  const normalised =
    date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
  if (!normalised) throw bad();
  const sign = match[8] === '-' ? -1 : 1;
  const offset = match[8] === undefined ? 0 : sign * (Number(match[9]) * 3600 + Number(match[10]) * 60);
  const nanos = Number((match[7] ?? '').padEnd(9, '0'));
  return { seconds: date.getTime() / 1000 - offset, nanos };
}
