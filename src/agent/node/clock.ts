/** Time for the node agent, injectable so tests move it by hand instead of sleeping. */

/** The current time and one-shot timers. */
export interface AgentClock {
  now(): Date;
  /** Calls `fn` once after `ms` milliseconds; the returned function cancels it. */
  setTimer(ms: number, fn: () => void): () => void;
}

/** The system clock and Node.js timers. */
export const systemClock: AgentClock = {
  now: () => new Date(),
  setTimer: (ms, fn) => {
    const timer = setTimeout(fn, ms);
    return () => {
      clearTimeout(timer);
    };
  },
};

/** A Kubernetes `MicroTime` (RFC 3339 with microseconds), as Lease `renewTime` and `acquireTime` carry. */
export function microTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** A Kubernetes `Time` (RFC 3339, whole seconds), as conditions and `startTime` carry. */
export function apiTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
