/**
 * Which stored lines a log request gets and how they are printed, as kubelet's CRI log reader does it: `tailLines`
 * picks the last lines of the file first, then lines older than `since` are skipped; each line is printed with its
 * newline (and its timestamp first when asked); `limitBytes` cuts the output after that many bytes, mid-line if
 * need be, and ends it.
 */
import { type LogEntry, timestampMillis } from './log-format.ts';

/** What a log request asks for (already validated). */
export interface LogReadOptions {
  /** Only the last N lines already written; new lines (follow) all pass. */
  readonly tailLines?: number;
  readonly timestamps?: boolean;
  /** Skip lines written before this time. */
  readonly since?: Date;
  /** Stop after this many bytes. */
  readonly limitBytes?: number;
}

/** The lines already written that a request gets: the tail, then the `since` filter. */
export function initialEntries(entries: readonly LogEntry[], options: LogReadOptions): LogEntry[] {
  const tail = options.tailLines;
  return tail === undefined ? [...entries] : tail === 0 ? [] : entries.slice(-tail);
}

/** Renders entries for one request, applying `since`, `timestamps` and `limitBytes`. */
export class LogPrinter {
  private remaining: number | undefined;

  /** `options` hold for every entry this printer renders. */
  constructor(private readonly options: LogReadOptions) {
    this.remaining = options.limitBytes;
  }

  /** True once `limitBytes` have been printed: the response ends. */
  get done(): boolean {
    return this.remaining !== undefined && this.remaining <= 0;
  }

  /** The bytes to send for `entry` (empty when it is skipped or the limit is reached). */
  print(entry: LogEntry): Buffer {
    const since = this.options.since;
    if (this.done || (since !== undefined && timestampMillis(entry.timestamp) < since.getTime())) {
      return Buffer.alloc(0);
    }
    const text = this.options.timestamps === true ? `${entry.timestamp} ${entry.line}\n` : `${entry.line}\n`;
    let bytes = Buffer.from(text);
    if (this.remaining !== undefined) {
      bytes = bytes.subarray(0, this.remaining);
      this.remaining -= bytes.length;
    }
    return bytes;
  }

  /** All of `entries`, printed. */
  printAll(entries: readonly LogEntry[]): Buffer {
    return Buffer.concat(entries.map((entry) => this.print(entry)));
  }
}
