/** The runtime's log: three levels, one line each, so the CLI can print and tests can collect. */

/** Where the runtime reports what it does. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Drops everything. */
export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Writes `I`/`W`/`E`-prefixed lines with an ISO timestamp, as klog prefixes its levels. */
export function lineLogger(write: (line: string) => void, now: () => number = Date.now): Logger {
  const line = (level: string, message: string): void => {
    write(`${level} ${new Date(now()).toISOString()} ${message}\n`);
  };
  return {
    info: (message) => {
      line('I', message);
    },
    warn: (message) => {
      line('W', message);
    },
    error: (message) => {
      line('E', message);
    },
  };
}

/** Remembers every line, for tests. */
export function memoryLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`I ${message}`),
    warn: (message) => lines.push(`W ${message}`),
    error: (message) => lines.push(`E ${message}`),
  };
}
