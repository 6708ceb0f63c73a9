/**
 * The in-process event bus: every committed change is offered to the watches whose prefix it
 * matches. A watch buffers a bounded number of changes; past that it stops buffering and reads the
 * rest back from the log, so a slow reader costs memory only up to the bound.
 */
import type { LogChange } from './log.ts';

/** How many changes a watch holds before it falls back to reading the log. */
export const WATCH_BUFFER_LIMIT = 1024;

/** One watch's view of the bus. */
export class Subscription {
  readonly prefix: string;
  readonly #limit: number;
  #queue: LogChange[] = [];
  #head = 0;
  #overflowed = false;
  #wake: (() => void) | undefined;

  constructor(prefix: string, limit: number) {
    this.prefix = prefix;
    this.#limit = limit;
  }

  /** Whether changes were dropped since the last `resume()` (the log has them). */
  get overflowed(): boolean {
    return this.#overflowed;
  }

  /** Buffers `change`, or marks the overflow when the buffer is full. */
  offer(change: LogChange): void {
    if (this.#overflowed) return;
    if (this.#queue.length - this.#head >= this.#limit) this.#overflowed = true;
    else this.#queue.push(change);
    this.notify();
  }

  /** The oldest buffered change, if any. */
  take(): LogChange | undefined {
    if (this.#head >= this.#queue.length) return undefined;
    const change = this.#queue[this.#head];
    this.#head++;
    // Drop consumed entries now and then, instead of shifting the array on every take.
    if (this.#head === this.#queue.length || this.#head >= 256) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    return change;
  }

  /** Clears the overflow mark: the caller has read the log up to the current revision. */
  resume(): void {
    this.#overflowed = false;
  }

  /** Resolves at the next change, at `notify()`, or when `signal` aborts. */
  wait(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        signal.removeEventListener('abort', done);
        this.#wake = undefined;
        resolve();
      };
      if (signal.aborted) {
        resolve();
        return;
      }
      this.#wake = done;
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Wakes a pending `wait()`. */
  notify(): void {
    this.#wake?.();
  }
}

/** The set of live subscriptions of one store. */
export class Bus {
  readonly #subscriptions = new Set<Subscription>();

  /** A new subscription; changes published from now on reach it. */
  subscribe(prefix: string, limit = WATCH_BUFFER_LIMIT): Subscription {
    const subscription = new Subscription(prefix, limit);
    this.#subscriptions.add(subscription);
    return subscription;
  }

  /** Stops delivering to `subscription`. */
  unsubscribe(subscription: Subscription): void {
    this.#subscriptions.delete(subscription);
  }

  /** Offers a committed change to every subscription whose prefix matches its key. */
  publish(change: LogChange): void {
    for (const subscription of this.#subscriptions) {
      if (change.key.startsWith(subscription.prefix)) subscription.offer(change);
    }
  }

  /** Wakes every subscription, so that watches notice the store closing. */
  wakeAll(): void {
    for (const subscription of this.#subscriptions) subscription.notify();
  }
}
