/** A `Store` over any synchronous `Log`: the verbs in this folder, wrapped in promises. */
import type { ListResult, Store, Stored, WatchEvent, WriteOptions } from '../types.ts';
import { Bus, WATCH_BUFFER_LIMIT } from './bus.ts';
import { COMPACTION_STEP, compact } from './compact.ts';
import { openLog, type LogContext } from './context.ts';
import { create } from './create.ts';
import { remove } from './delete.ts';
import { get } from './get.ts';
import { list } from './list.ts';
import type { Log } from './log.ts';
import { update } from './update.ts';
import { watch } from './watch.ts';

/** Tuning for a log-structured store. */
export interface LogStoreOptions {
  /** How many changes a watch buffers before it reads the log instead (tests make it small). */
  readonly watchBufferLimit?: number;
  /** How many revisions one compaction step (one transaction) covers at most. */
  readonly compactionStep?: number;
}

// Runs a synchronous verb so that a throw becomes a rejected promise, as callers of an async API expect.
function settle<T>(verb: () => T): Promise<T> {
  return new Promise((resolve) => {
    resolve(verb());
  });
}

/** The store of a log-structured driver (memory, SQLite). */
export class LogStore implements Store {
  readonly driver: string;
  readonly #context: LogContext;
  readonly #compactionStep: number;
  // Compactions run one after another: each starts from the point the previous one reached.
  #compaction: Promise<unknown> = Promise.resolve();

  constructor(driver: string, log: Log, options: LogStoreOptions = {}) {
    this.driver = driver;
    this.#compactionStep = options.compactionStep ?? COMPACTION_STEP;
    const watchBufferLimit = options.watchBufferLimit ?? WATCH_BUFFER_LIMIT;
    this.#context = { log, bus: new Bus(), watchBufferLimit, closed: false };
  }

  /** {@inheritDoc Store.currentRevision} */
  currentRevision(): Promise<number> {
    return settle(() => openLog(this.#context).currentRevision());
  }

  /** {@inheritDoc Store.compactedRevision} */
  compactedRevision(): Promise<number> {
    return settle(() => openLog(this.#context).compactedRevision());
  }

  /** {@inheritDoc Store.get} */
  get(key: string): Promise<Stored | undefined> {
    return settle(() => get(this.#context, key));
  }

  /** {@inheritDoc Store.list} */
  list(prefix: string): Promise<ListResult> {
    return settle(() => list(this.#context, prefix));
  }

  /** {@inheritDoc Store.create} */
  create(key: string, object: object): Promise<Stored> {
    return settle(() => create(this.#context, key, object));
  }

  /** {@inheritDoc Store.update} */
  update(key: string, object: object, options?: WriteOptions): Promise<Stored> {
    return settle(() => update(this.#context, key, object, options));
  }

  /** {@inheritDoc Store.delete} */
  delete(key: string, options?: WriteOptions): Promise<Stored> {
    return settle(() => remove(this.#context, key, options));
  }

  /** {@inheritDoc Store.watch} */
  watch(prefix: string, fromRevision: number, signal: AbortSignal): AsyncIterable<WatchEvent> {
    return watch(this.#context, prefix, fromRevision, signal);
  }

  /** {@inheritDoc Store.compact} */
  compact(revision: number): Promise<number> {
    const run = this.#compaction.then(() => compact(this.#context, revision, this.#compactionStep));
    this.#compaction = run.catch(() => undefined);
    return run;
  }

  /** {@inheritDoc Store.close} */
  close(): Promise<void> {
    return settle(() => {
      if (this.#context.closed) return;
      this.#context.closed = true;
      // Woken watches see `closed` and fail with `Closed` before they touch the log again.
      this.#context.bus.wakeAll();
      this.#context.log.close();
    });
  }
}
