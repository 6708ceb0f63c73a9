/** Time as the runtime sees it: injected, so the sync loop and health checks can be tested with a fake clock. */

/** A scheduled callback that can be cancelled. */
export interface Timer {
  cancel(): void;
}

/** Wall-clock milliseconds and one-shot timers. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Runs `callback` once after `delayMs` (never before). */
  setTimer(callback: () => void, delayMs: number): Timer;
}

/** The real clock: `Date.now()` and `setTimeout` (unref'd, so a pending sync never keeps a process alive). */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (callback, delayMs) => {
    const handle = setTimeout(callback, Math.max(0, delayMs));
    handle.unref();
    return {
      cancel: () => {
        clearTimeout(handle);
      },
    };
  },
};
