/** Serving one run's log to one request: what is written, then (with `follow`) each new line until the run ends. */
import type { RunLog } from './container-logs.ts';
import { readLogLines, startPosition } from './log-reader.ts';
import { type LogReadOptions, LogPrinter } from './log-select.ts';

/** Where the printed bytes go. */
export interface LogSink {
  /** Takes bytes; a promise means "full": the next bytes wait until it settles (the `drain` of a response). */
  write(bytes: Buffer): void | Promise<void>;
  end(): void;
}

/** What a request asks of one run's log. */
export interface StreamLogOptions extends LogReadOptions {
  readonly follow?: boolean;
}

/**
 * Writes `log` to `sink` as `options` ask and ends it: at the end of what is written without `follow`; with it,
 * once the run's output has ended, `limitBytes` is reached, or `signal` aborts (the client went away). The files are
 * read no faster than `sink` takes the bytes.
 */
export async function streamRunLog(
  log: RunLog,
  options: StreamLogOptions,
  sink: LogSink,
  signal?: AbortSignal,
): Promise<void> {
  const printer = new LogPrinter(options);
  // Read again after every await: the client may go at any time.
  const gone = (): boolean => signal?.aborted === true;
  try {
    if (!printer.isDone() && !gone()) {
      const from = await startPosition(log, options);
      for await (const lines of readLogLines(log, from, options.follow === true, signal)) {
        const bytes = printer.printStored(lines);
        if (bytes.length > 0) await sink.write(bytes);
        if (printer.isDone() || gone()) break;
      }
    }
  } finally {
    sink.end();
  }
}
