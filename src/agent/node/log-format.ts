/**
 * One line of a container log file, in CRI's format (what kubelet reads from containerd and CRI-O):
 *
 *     2016-10-06T00:17:09.669794202Z stdout F the line as the container printed it
 *
 * timestamp (RFC 3339, nine fraction digits), stream, tag, then the text up to the newline. Like containerd, Portico
 * splits an output line longer than 16 KiB into pieces: every piece but the last is tagged `P` (partial), the last
 * `F` (full); a reader joins them again. Keeping the timestamp and stream per line is what lets `timestamps`,
 * `sinceTime` and `sinceSeconds` be served later.
 */

/** The output stream a line came from. */
export type LogStream = 'stdout' | 'stderr';

/** One stored line. */
export interface LogEntry {
  /** RFC 3339 with nine fraction digits (kubelet's `RFC3339NanoFixed`), e.g. `2016-10-06T00:17:09.669794202Z`. */
  readonly timestamp: string;
  readonly stream: LogStream;
  /** The text without its newline. */
  readonly line: string;
  /** A piece of a longer line (tag `P`): the line goes on in the next entry of the same stream. */
  readonly partial?: boolean;
}

const ENTRY = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z) (stdout|stderr) ([PF]) (.*)$/s;

/** `date` as a log timestamp: JavaScript has milliseconds, so the last six digits are zeros. */
export function logTimestamp(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/** The milliseconds since the epoch of a log timestamp (its sub-millisecond digits are dropped). */
export function timestampMillis(timestamp: string): number {
  return Date.parse(timestamp.replace(/\.(\d{3})\d*Z$/, '.$1Z'));
}

/** The stored form of `entry`, newline included. */
export function formatLogEntry(entry: LogEntry): string {
  return `${entry.timestamp} ${entry.stream} ${entry.partial === true ? 'P' : 'F'} ${entry.line}\n`;
}

/** Reads one stored line (without its newline); undefined for anything not in the format. */
export function parseLogEntry(text: string): LogEntry | undefined {
  const match = ENTRY.exec(text);
  if (match === null) return undefined;
  const [, timestamp = '', stream, tag, line = ''] = match;
  return {
    timestamp,
    stream: stream === 'stderr' ? 'stderr' : 'stdout',
    line,
    ...(tag === 'P' ? { partial: true } : {}),
  };
}

/** Every complete entry of a log file's text; a last line without its newline (a write under way) is left out. */
export function parseLogFile(content: string): LogEntry[] {
  const lines = content.split('\n');
  lines.pop();
  const entries: LogEntry[] = [];
  for (const text of lines) {
    const entry = parseLogEntry(text);
    if (entry !== undefined) entries.push(entry);
  }
  return entries;
}
