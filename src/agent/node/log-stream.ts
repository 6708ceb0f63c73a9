/** Serving one run's log to one request: what is written, then (with `follow`) each new line until the run ends. */
import type { RunLog } from './container-logs.ts';
import { type LogReadOptions, LogPrinter, initialEntries } from './log-select.ts';

/** Where the printed bytes go. */
export interface LogSink {
  write(bytes: Buffer): void;
  end(): void;
}

/** What a request asks of one run's log. */
export interface StreamLogOptions extends LogReadOptions {
  readonly follow?: boolean;
}

/**
 * Writes `log` to `sink` as `options` ask and ends it: at once without `follow`; with it, once the run's output
 * has ended, `limitBytes` is reached, or `signal` aborts (the client went away).
 */
export function streamRunLog(log: RunLog, options: StreamLogOptions, sink: LogSink, signal?: AbortSignal): void {
  const printer = new LogPrinter(options);
  const send = (bytes: Buffer): void => {
    if (bytes.length > 0) sink.write(bytes);
  };
  // Reading and subscribing in one tick: the appends are synchronous, so no line is missed or repeated.
  send(printer.printAll(initialEntries(log.entries(), options)));
  if (options.follow !== true || printer.done || log.finished || signal?.aborted === true) {
    sink.end();
    return;
  }
  let ended = false;
  const finish = (): void => {
    if (ended) return;
    ended = true;
    unfollow();
    signal?.removeEventListener('abort', finish);
    sink.end();
  };
  const unfollow = log.follow({
    line: (entry) => {
      send(printer.print(entry));
      if (printer.done) finish();
    },
    ended: finish,
  });
  signal?.addEventListener('abort', finish);
}
