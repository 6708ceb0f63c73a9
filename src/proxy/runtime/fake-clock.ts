/** A clock for tests: time moves only when the test says, and due timers fire in order. */
import type { Clock, Timer } from './clock.ts';

interface Pending {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
  cancelled: boolean;
}

/** A manual clock; `advance` fires every timer that falls due, in due-time order. */
export class FakeClock implements Clock {
  #now: number;
  #seq = 0;
  #timers: Pending[] = [];

  /** Starts at `startMs` (default 2024-01-01T00:00:00Z). */
  constructor(startMs = Date.UTC(2024, 0, 1)) {
    this.#now = startMs;
  }

  /** The current fake time. */
  now(): number {
    return this.#now;
  }

  /** Schedules `callback` at now + `delayMs`. */
  setTimer(callback: () => void, delayMs: number): Timer {
    const timer: Pending = { at: this.#now + Math.max(0, delayMs), seq: this.#seq++, callback, cancelled: false };
    this.#timers.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  }

  /** Due times of the timers still pending, soonest first. */
  pendingTimers(): number[] {
    return this.#live()
      .map((timer) => timer.at)
      .sort((a, b) => a - b);
  }

  /** Moves time forward by `ms`, firing due timers (including ones they schedule) in order. */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      const next = this.#live()
        .filter((timer) => timer.at <= target)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (next === undefined) break;
      this.#now = next.at;
      next.cancelled = true;
      next.callback();
    }
    this.#now = target;
  }

  #live(): Pending[] {
    this.#timers = this.#timers.filter((timer) => !timer.cancelled);
    return this.#timers;
  }
}
