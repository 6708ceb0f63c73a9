/**
 * Compaction on a schedule, as kube-apiserver runs it against etcd (`--etcd-compaction-interval`,
 * 5 minutes): every interval it notes the store's revision and compacts to the revision it noted
 * the interval before. The first tick only notes, so at least one interval of history always stays
 * for watchers that fall behind or reconnect; a watch from before it answers 410 and relists.
 */
import { isStoreError } from './errors.ts';
import type { Store } from './types.ts';

/** kube-apiserver's default `--etcd-compaction-interval`. */
export const DEFAULT_COMPACTION_INTERVAL_MS = 5 * 60 * 1000;

/** What the compactor waits on between ticks; tests pass one they fire by hand. */
export interface CompactionTimer {
  /** Runs `tick` once after `ms`; the returned function cancels it if it has not run. */
  after(ms: number, tick: () => Promise<void>): () => void;
}

/** The timer of the process: unref'd, so that a pending compaction never keeps a process alive. */
export const systemTimer: CompactionTimer = {
  after(ms, tick) {
    const handle = setTimeout(() => void tick(), ms);
    handle.unref();
    return () => {
      clearTimeout(handle);
    };
  },
};

/** How a compactor runs. */
export interface CompactorOptions {
  /** Time between ticks; 0 disables compaction (upstream's meaning of 0). */
  readonly intervalMs: number;
  readonly timer?: CompactionTimer;
  /** Told about a failed compaction; the compactor tries again at the next tick. */
  readonly onError?: (error: unknown) => void;
}

/** A running compactor. */
export interface Compactor {
  /** Cancels the next tick and waits for a running one to end. Calling it again does nothing. */
  stop(): Promise<void>;
}

/**
 * Starts compacting `store` every `intervalMs`.
 *
 * @example
 * const compactor = startCompactor(store, { intervalMs: DEFAULT_COMPACTION_INTERVAL_MS });
 * // ...
 * await compactor.stop();
 */
export function startCompactor(store: Store, options: CompactorOptions): Compactor {
  const { intervalMs, timer = systemTimer } = options;
  if (!Number.isFinite(intervalMs) || intervalMs < 0) {
    throw new RangeError(`compaction interval must be a duration ≥ 0, not ${intervalMs}`);
  }
  if (intervalMs === 0) return { stop: () => Promise.resolve() };
  let stopped = false;
  let cancel: () => void = () => undefined;
  let running: Promise<void> = Promise.resolve();
  // The revision noted at the previous tick (0: none yet), the point the next tick compacts to.
  let noted = 0;
  const tick = async (): Promise<void> => {
    if (stopped) return;
    try {
      const current = await store.currentRevision();
      if (noted > 0) await store.compact(noted);
      noted = current;
    } catch (error) {
      // A closed store ends the schedule; anything else is reported and tried again next time.
      if (isStoreError(error, 'Closed')) stopped = true;
      else options.onError?.(error);
    }
    schedule();
  };
  const schedule = (): void => {
    if (stopped) return;
    cancel = timer.after(intervalMs, () => (running = tick()));
  };
  schedule();
  return {
    stop: async () => {
      stopped = true;
      cancel();
      await running;
    },
  };
}
