/**
 * Container log rotation as kubelet configures it: `containerLogMaxSize` (default `10Mi`) and
 * `containerLogMaxFiles` (default 5, at least 2). A file that reaches the size is renamed
 * `<file>.<YYYYMMDD-hhmmss>` (kubelet's timestamp suffix, UTC here) and a new file is started; the oldest files go
 * so that at most `maxFiles` remain, the one being written included.
 */

/** How big a run's log file may grow, and how many files of it are kept. */
export interface LogRotationPolicy {
  /** Bytes; 0 or less turns rotation off (kubelet: a negative size). */
  readonly maxSize: number;
  /** Files kept per run, the one being written included; at least 2. */
  readonly maxFiles: number;
}

/** kubelet's defaults: `containerLogMaxSize: 10Mi`, `containerLogMaxFiles: 5`. */
export const DEFAULT_LOG_ROTATION: LogRotationPolicy = { maxSize: 10 * 1024 * 1024, maxFiles: 5 };

/** A bad `containerLogMaxSize` or `containerLogMaxFiles`. */
export class LogRotationError extends Error {
  override readonly name = 'LogRotationError';
}

const SUFFIXES: Readonly<Record<string, number>> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

/** Reads a size as a Kubernetes quantity in whole bytes (`10Mi`, `500k`, `1048576`; `-1` turns rotation off). */
export function parseLogMaxSize(text: string): number {
  const match = /^(-?\d+)(|k|M|G|T|Ki|Mi|Gi|Ti)$/.exec(text.trim());
  const scale = SUFFIXES[match?.[2] ?? 'none'];
  if (match === null || scale === undefined) {
    throw new LogRotationError(`failed to parse container log max size ${JSON.stringify(text)}`);
  }
  const bytes = Number(match[1]) * scale;
  if (!Number.isSafeInteger(bytes)) throw new LogRotationError(`container log max size ${text} is too large`);
  return bytes;
}

/** Checks `maxFiles` as kubelet does. */
export function checkLogMaxFiles(maxFiles: number): number {
  if (!Number.isInteger(maxFiles) || maxFiles <= 1) {
    throw new LogRotationError(`invalid MaxFiles ${maxFiles}, must be > 1`);
  }
  return maxFiles;
}

/** kubelet's suffix of a rotated file (Go layout `20060102-150405`), in UTC. */
export function rotationSuffix(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}
