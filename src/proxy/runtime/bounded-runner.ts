/**
 * kube-proxy's BoundedFrequencyRunner: runs one function (the sync) when asked, but never more often than a
 * token bucket allows (`burst` runs back to back, then one per `minIntervalMs`), at least every `maxIntervalMs`,
 * never two at once, and again after `retryAfter`. All time comes from an injected clock.
 */
import type { Clock, Timer } from './clock.ts';

/** Timing of a runner. */
export interface BoundedRunnerOptions {
  /** Minimum time between runs once the burst is spent (kube-proxy's `--iptables-min-sync-period`). */
  readonly minIntervalMs: number;
  /** A run happens at least this often even when nobody asks (kube-proxy: the full-sync period). */
  readonly maxIntervalMs: number;
  /** Runs allowed back to back before `minIntervalMs` applies (kube-proxy uses 2). */
  readonly burst: number;
}

/** Runs `fn` on request within the bounds; `fn` must not throw (failures are its own business). */
export class BoundedFrequencyRunner {
  readonly #fn: () => Promise<void>;
  readonly #clock: Clock;
  readonly #options: BoundedRunnerOptions;
  #tokens: number;
  #lastRefill: number;
  #timer: Timer | undefined;
  #timerAt = Number.POSITIVE_INFINITY;
  #running: Promise<void> | undefined;
  #requestedWhileRunning = false;
  #stopped = true;

  /** A stopped runner; `start` arms it. */
  constructor(fn: () => Promise<void>, clock: Clock, options: BoundedRunnerOptions) {
    this.#fn = fn;
    this.#clock = clock;
    this.#options = options;
    this.#tokens = options.burst;
    this.#lastRefill = clock.now();
  }

  /** Arms the periodic run (after `maxIntervalMs`); runs happen only once started. */
  start(): void {
    this.#stopped = false;
    this.#schedule(this.#clock.now() + this.#options.maxIntervalMs);
  }

  /** Cancels pending runs; a run in progress finishes. */
  stop(): void {
    this.#stopped = true;
    this.#timer?.cancel();
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
  }

  /** Asks for a run as soon as the bounds allow. */
  run(): void {
    this.#schedule(this.#nextAllowed());
  }

  /** Asks for a run `delayMs` from now, unless one is already due sooner. */
  retryAfter(delayMs: number): void {
    this.#schedule(Math.max(this.#clock.now() + delayMs, this.#nextAllowed()));
  }

  /** Resolves when no run is in progress. */
  async idle(): Promise<void> {
    while (this.#running !== undefined) await this.#running;
  }

  /** When the next run may start, as the token bucket says. */
  #nextAllowed(): number {
    this.#refill();
    const now = this.#clock.now();
    return this.#tokens >= 1 ? now : now + Math.ceil((1 - this.#tokens) * this.#options.minIntervalMs);
  }

  #refill(): void {
    const now = this.#clock.now();
    const interval = this.#options.minIntervalMs;
    const earned = interval <= 0 ? Number.POSITIVE_INFINITY : (now - this.#lastRefill) / interval;
    this.#tokens = Math.min(this.#options.burst, this.#tokens + earned);
    this.#lastRefill = now;
  }

  #schedule(at: number): void {
    if (this.#stopped || this.#timerAt <= at) return;
    this.#timer?.cancel();
    this.#timerAt = at;
    this.#timer = this.#clock.setTimer(() => {
      this.#timer = undefined;
      this.#timerAt = Number.POSITIVE_INFINITY;
      this.#fire();
    }, at - this.#clock.now());
  }

  #fire(): void {
    if (this.#stopped) return;
    if (this.#running !== undefined) {
      // One run at a time: remember the request and honour it when this run ends.
      this.#requestedWhileRunning = true;
      return;
    }
    this.#refill();
    if (this.#tokens < 1) {
      this.#schedule(this.#nextAllowed());
      return;
    }
    this.#tokens -= 1;
    this.#running = this.#fn()
      .catch(() => undefined)
      .finally(() => {
        this.#running = undefined;
        this.#schedule(this.#clock.now() + this.#options.maxIntervalMs);
        if (this.#requestedWhileRunning) {
          this.#requestedWhileRunning = false;
          this.run();
        }
      });
  }
}
