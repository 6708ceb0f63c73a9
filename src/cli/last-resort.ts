/**
 * The last line of defence of a long-running command (`portico proxy`, and any other server that wants it): an
 * exception nothing caught, or a promise rejection nothing handled, is logged and the process keeps serving, as a
 * Go server's per-request recover and its other goroutines would. This is only the last resort: every edge guards
 * its own requests first (`src/httpserver`), so reaching this handler is a bug worth a loud log line.
 */

/** Where the handler reports (a line without its trailing newline). */
export type LastResortLog = (line: string) => void;

/** What the handler did so far, for logs and tests. */
export interface LastResortHandle {
  /** How many unexpected failures were reported (and survived) since installation. */
  readonly reported: () => number;
  /** Removes the handlers again (a command shutting down lets a later failure end the process as usual). */
  readonly uninstall: () => void;
}

function describe(failure: unknown): string {
  if (failure instanceof Error) return failure.stack ?? `${failure.name}: ${failure.message}`;
  try {
    // undefined (and functions) stringify to undefined, whatever the declared type says.
    const json = JSON.stringify(failure) as string | undefined;
    return json ?? String(failure);
  } catch {
    return Object.prototype.toString.call(failure);
  }
}

/**
 * Installs `uncaughtException` and `unhandledRejection` handlers on this process that log through `log` (prefixed
 * with `component`) and keep the process running. Returns a handle to count and remove them.
 *
 * @example
 * const lastResort = installLastResortHandlers('proxy', (line) => process.stderr.write(`${line}\n`));
 * // … serve until a signal …
 * lastResort.uninstall();
 */
export function installLastResortHandlers(component: string, log: LastResortLog): LastResortHandle {
  let count = 0;
  const report = (kind: string, failure: unknown): void => {
    count += 1;
    try {
      log(`${component}: ${kind} (kept serving; this is a bug): ${describe(failure)}`);
    } catch {
      // A log that itself fails must not throw from inside the handler: that would end the process.
    }
  };
  const onException = (error: unknown): void => {
    report('unexpected exception', error);
  };
  const onRejection = (reason: unknown): void => {
    report('unhandled promise rejection', reason);
  };
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return {
    reported: () => count,
    uninstall: () => {
      process.off('uncaughtException', onException);
      process.off('unhandledRejection', onRejection);
    },
  };
}
