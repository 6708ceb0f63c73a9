/**
 * How stored lines are printed for a log request, as kubelet's CRI log reader does it: `tailLines` picks the last
 * lines of the files first (`log-reader.ts`), then lines older than `since` are skipped; each line is printed with
 * its newline (a partial piece without one, so the pieces join up again), with its timestamp first when asked;
 * `limitBytes` cuts the output after that many bytes, mid-line if need be, and ends it.
 */
import { type LogEntry, parseLogEntry, timestampMillis } from './log-format.ts';

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

/** Renders entries for one request, applying `since`, `timestamps` and `limitBytes`. */
export class LogPrinter {
  private remaining: number | undefined;

  /** `options` hold for every entry this printer renders. */
  constructor(private readonly options: LogReadOptions) {
    this.remaining = options.limitBytes;
  }

  /** True once `limitBytes` have been printed: the response ends. */
  isDone(): boolean {
    return this.remaining !== undefined && this.remaining <= 0;
  }

  /** The bytes to send for `entry` (empty when it is skipped or the limit is reached). */
  print(entry: LogEntry): Buffer {
    const since = this.options.since;
    if (this.isDone() || (since !== undefined && timestampMillis(entry.timestamp) < since.getTime())) {
      return Buffer.alloc(0);
    }
    const end = entry.partial === true ? '' : '\n';
    const text = this.options.timestamps === true ? `${entry.timestamp} ${entry.line}${end}` : `${entry.line}${end}`;
    let bytes = Buffer.from(text);
    if (this.remaining !== undefined) {
      bytes = bytes.subarray(0, this.remaining);
      this.remaining -= bytes.length;
    }
    return bytes;
  }

  /** Stored lines (without their newlines), printed; lines not in CRI's format are skipped, as kubelet skips them. */
  printStored(lines: readonly Buffer[]): Buffer {
    const printed: Buffer[] = [];
    for (const line of lines) {
      if (this.isDone()) break;
      const entry = parseLogEntry(line.toString('utf8'));
      if (entry !== undefined) printed.push(this.print(entry));
    }
    return Buffer.concat(printed);
  }
}
