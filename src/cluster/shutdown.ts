/**
 * What ends a foreground `portico up`: Ctrl-C (SIGINT), SIGTERM, or the terminal closing (SIGHUP). Every one of
 * them asks for the same thing — remove the whole cluster — and none may cut that removal short: the handlers stay
 * installed until `up` has finished, so a second Ctrl-C (or the same Ctrl-C forwarded again by `npm start`, which
 * passes SIGINT and SIGTERM on to its child) only hears that the cleanup is still going on. Output that can no longer be written (a `| tee` that died with the Ctrl-C,
 * a closed terminal) is dropped instead of crashing the teardown.
 */
import type { EventEmitter } from 'node:events';

/** The signals that mean "stop and remove everything". */
export const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** One of `SHUTDOWN_SIGNALS`. */
export type ShutdownSignal = (typeof SHUTDOWN_SIGNALS)[number];

/** Why `up` stopped: the first shutdown signal. */
export class ShutdownRequested extends Error {
  override readonly name = 'ShutdownRequested';

  /** `signal` is the first signal received. */
  constructor(readonly signal: ShutdownSignal) {
    super(`received ${signal}`);
  }
}

/** Watches the shutdown signals from installation until `dispose`. */
export interface ShutdownWatch {
  /** Aborted, with a `ShutdownRequested` reason, at the first shutdown signal. */
  readonly signal: AbortSignal;
  /** Resolves with the first shutdown signal. */
  readonly requested: Promise<ShutdownRequested>;
  /** Removes the handlers: from then on the signals have their default effect again. */
  dispose(): void;
}

/**
 * Installs handlers for SIGINT, SIGTERM and SIGHUP on `target` (the process). The first aborts `signal`; each
 * later one calls `onRepeat` (to say the cleanup is still running) and changes nothing else.
 */
export function watchShutdownSignals(
  target: Pick<EventEmitter, 'on' | 'off'>,
  onRepeat: (signal: ShutdownSignal, sinceFirstMs: number) => void,
  now: () => number = Date.now,
): ShutdownWatch {
  const controller = new AbortController();
  let firstAt = 0;
  let resolveRequested: (reason: ShutdownRequested) => void = () => undefined;
  const requested = new Promise<ShutdownRequested>((resolve) => (resolveRequested = resolve));
  const handlers = SHUTDOWN_SIGNALS.map((name) => {
    const handler = (): void => {
      if (controller.signal.aborted) {
        onRepeat(name, now() - firstAt);
        return;
      }
      firstAt = now();
      const reason = new ShutdownRequested(name);
      controller.abort(reason);
      resolveRequested(reason);
    };
    target.on(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    requested,
    dispose: () => {
      for (const [name, handler] of handlers) target.off(name, handler);
    },
  };
}

/** A writable standard stream, as far as the output guard cares. */
type OutputStream = Pick<EventEmitter, 'on' | 'off'>;

/**
 * Makes failed writes on `streams` harmless while it is installed: EPIPE from a pipe whose reader died, EIO from a
 * closed terminal. Without a listener Node.js throws such an 'error' event and the process dies mid-teardown.
 * Returns the function that removes the listeners.
 */
export function ignoreOutputErrors(streams: readonly OutputStream[]): () => void {
  const ignore = (): void => undefined;
  for (const stream of streams) stream.on('error', ignore);
  return () => {
    for (const stream of streams) stream.off('error', ignore);
  };
}

/** Wraps a writer so that a write that throws (a destroyed stream) is dropped. */
export function neverThrowing(write: (text: string) => void): (text: string) => void {
  return (text) => {
    try {
      write(text);
    } catch {
      // The reader is gone; the cleanup matters more than the output.
    }
  };
}
