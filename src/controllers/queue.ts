/**
 * A work queue of keys: a key added while queued is processed once; keys are processed one at a time, in order; a
 * failed key is retried after a delay. Controllers put keys in from informer handlers and reconcile each key.
 */
import { isApiError } from './client.ts';

const RETRY_MS = 100;
const MAX_RETRY_MS = 2000;

/** Serial processing of deduplicated keys with retry. */
export class WorkQueue {
  private readonly queued = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private running: Promise<void> | undefined;
  private started = false;
  private stopped = false;

  /** A queue that hands each key to `sync`; `onError` hears about failures before the retry. */
  constructor(
    private readonly sync: (key: string) => Promise<void>,
    private readonly onError: (key: string, error: unknown) => void,
  ) {}

  /** Queues `key` (no-op if already queued). */
  add(key: string): void {
    if (this.stopped) return;
    this.queued.add(key);
    if (this.started && this.running === undefined) this.running = this.drain();
  }

  /** Starts processing (keys added before are kept): called once every informer has its first list. */
  start(): void {
    this.started = true;
    if (this.running === undefined) this.running = this.drain();
  }

  /** Stops processing; queued keys and pending retries are dropped. */
  stop(): void {
    this.stopped = true;
    this.queued.clear();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Resolves once the key being processed (if any) is done. */
  async idle(): Promise<void> {
    await this.running;
  }

  private async drain(): Promise<void> {
    // Let the caller store this promise before the loop can finish and clear it.
    await Promise.resolve();
    while (!this.stopped) {
      const key = this.queued.values().next();
      if (key.done === true) break;
      this.queued.delete(key.value);
      await this.process(key.value);
    }
    this.running = undefined;
  }

  private async process(key: string): Promise<void> {
    try {
      await this.sync(key);
      this.failures.delete(key);
    } catch (error) {
      if (this.stopped) return;
      // Conflicts and vanished objects are the ordinary races of optimistic concurrency: retry, quietly.
      if (!isApiError(error, 409) && !isApiError(error, 404)) this.onError(key, error);
      // Back off per key so a persistent failure does not spin.
      const failures = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, failures);
      const timer = setTimeout(
        () => {
          this.timers.delete(timer);
          this.add(key);
        },
        Math.min(RETRY_MS * 2 ** (failures - 1), MAX_RETRY_MS),
      );
      this.timers.add(timer);
    }
  }
}
