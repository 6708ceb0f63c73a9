/**
 * The one list+watch informer, shared by the controllers, the proxy and the node agent. It lists a collection,
 * watches from the list's resourceVersion, watches again when a stream ends, and lists again after a 410 (the
 * version expired) or any failure, delivering the differences. It keeps every object, so handlers see the previous
 * and the current version, and it says when the first list has been delivered.
 *
 * How it reaches the server is a `ListWatchSource`: a kubeconfig for the proxy and the agent (`kubeConfigSource`),
 * the controllers' own HTTPS client for them. This file imports nothing of `@kubernetes/client-node`.
 */
import { setTimeout as delay } from 'node:timers/promises';

/** The fields of an object the informer reads. */
export interface ObjectWithMeta {
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly resourceVersion?: string };
}

/** One watch event as the API sends it; an `ERROR` event carries a `Status`, not an object of the collection. */
export interface WatchEvent<T> {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: T;
}

/** How an informer lists and watches one collection. */
export interface ListWatchSource<T> {
  /** Every object of the collection, and the list's resourceVersion to watch from. */
  list(): Promise<{ items: T[]; resourceVersion: string }>;
  /**
   * Watches from `resourceVersion` (with bookmarks), handing every event to `onEvent`; resolves when the server ends
   * the stream, rejects when it fails or once `signal` aborts. A refused watch rejects with an error whose `code` or
   * `statusCode` is the HTTP status.
   */
  watch(resourceVersion: string, signal: AbortSignal, onEvent: (event: WatchEvent<T>) => void): Promise<void>;
}

/** Called for every change: add (no previous), update, delete (no current). */
export type ChangeHandler<T> = (previous: T | undefined, current: T | undefined) => void;

/** Who hears about failures, and how long to wait before listing again after one. */
export interface InformerOptions {
  /** Told about every list or watch failure before the retry (not about 410s, which are part of the protocol). */
  readonly onError?: (error: unknown) => void;
  /** Delay before listing again after a failure (default 1000 ms, doubling up to 30 s until a list succeeds). */
  readonly retryDelayMs?: number;
}

/** A watch the server ended with an `ERROR` event: the `Status`'s code and message. */
export class WatchStatusError extends Error {
  override readonly name = 'WatchStatusError';

  /** Keeps the Status's code (410 when the resourceVersion is too old). */
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** `namespace/name`, or `name` for cluster-scoped objects. */
export function objectKey(object: ObjectWithMeta): string {
  const namespace = object.metadata?.namespace ?? '';
  const name = object.metadata?.name ?? '';
  return namespace === '' ? name : `${namespace}/${name}`;
}

/** Whether the server said the resourceVersion expired: in an `ERROR` event or as the watch request's status. */
function isExpired(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  return code === 410 || statusCode === 410;
}

const MAX_RETRY_DELAY_MS = 30_000;

/**
 * A cache of one collection kept current by list + watch.
 *
 * @example
 * const services = new Informer(source, { onError: log });
 * services.onChange((previous, current) => track(previous, current));
 * services.start();
 * await services.whenSynced;
 */
export class Informer<T extends ObjectWithMeta> {
  /** Resolves once the first full list has been delivered to the handlers. */
  readonly whenSynced: Promise<void>;
  private readonly cache = new Map<string, T>();
  private readonly handlers: ChangeHandler<T>[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly stopping = new AbortController();
  private readonly initialRetryDelay: number;
  private retryDelay: number;
  private resourceVersion = '';
  private listed = false;
  private markSynced: () => void = () => undefined;
  private running: Promise<void> | undefined;

  /** An informer over `source`; nothing happens until `start`. */
  constructor(
    private readonly source: ListWatchSource<T>,
    private readonly options: InformerOptions = {},
  ) {
    this.initialRetryDelay = options.retryDelayMs ?? 1000;
    this.retryDelay = this.initialRetryDelay;
    this.whenSynced = new Promise((resolve) => (this.markSynced = resolve));
  }

  /** Whether the first full list has been delivered. */
  get synced(): boolean {
    return this.listed;
  }

  /** Registers a change handler (before `start`, to see the initial list). */
  onChange(handler: ChangeHandler<T>): void {
    this.handlers.push(handler);
  }

  /** Starts listing and watching in the background, retrying failures until `stop` (see `whenSynced`). */
  start(): void {
    this.running ??= this.run();
  }

  /** Ends the watch and any pending retry, releases anyone waiting; resolves once nothing more will be delivered. */
  async stop(): Promise<void> {
    this.stopping.abort();
    for (const wake of [...this.waiters]) wake();
    await this.running;
  }

  /** Every cached object. */
  list(): T[] {
    return [...this.cache.values()];
  }

  /** One cached object by namespace (empty for cluster-scoped) and name. */
  get(namespace: string, name: string): T | undefined {
    return this.cache.get(namespace === '' ? name : `${namespace}/${name}`);
  }

  /**
   * Resolves once `condition` holds for the cache (or the informer stops, or `timeoutMs` passes): how a controller
   * waits to see its own writes before acting again, so it never acts twice on a stale view.
   */
  async waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
    while (!condition() && !this.stopped()) {
      const woken = await new Promise<boolean>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve(true);
        };
        const timer = setTimeout(() => {
          this.waiters.delete(wake);
          resolve(false);
        }, timeoutMs);
        this.waiters.add(wake);
      });
      if (!woken) return;
    }
  }

  private stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  private async run(): Promise<void> {
    let current = false;
    while (!this.stopped()) {
      try {
        if (!current) await this.relist();
        current = true;
        if (!this.stopped()) await this.watch();
      } catch (error) {
        if (this.stopped()) return;
        current = false;
        if (isExpired(error)) continue;
        this.options.onError?.(error);
        await delay(this.retryDelay, undefined, { signal: this.stopping.signal }).catch(() => undefined);
        this.retryDelay = Math.min(this.retryDelay * 2, MAX_RETRY_DELAY_MS);
      }
    }
  }

  /** One watch from the current resourceVersion; an `ERROR` event ends it with a `WatchStatusError`. */
  private async watch(): Promise<void> {
    const ended = new AbortController();
    const signal = AbortSignal.any([this.stopping.signal, ended.signal]);
    try {
      await this.source.watch(this.resourceVersion, signal, (event) => {
        if (signal.aborted) return;
        if (event.type !== 'ERROR') {
          this.apply(event);
          return;
        }
        const status = event.object as { code?: number; message?: string };
        ended.abort(new WatchStatusError(status.code ?? 500, status.message ?? 'watch ERROR event'));
      });
    } catch (error) {
      if (!ended.signal.aborted) throw error;
    }
    if (ended.signal.aborted) throw ended.signal.reason as WatchStatusError;
  }

  private apply(event: WatchEvent<T>): void {
    const version = event.object.metadata?.resourceVersion;
    if (version !== undefined) this.resourceVersion = version;
    if (event.type === 'BOOKMARK') return;
    const key = objectKey(event.object);
    const previous = this.cache.get(key);
    if (event.type === 'DELETED') {
      this.cache.delete(key);
      this.emit(previous ?? event.object, undefined);
    } else {
      this.cache.set(key, event.object);
      this.emit(previous, event.object);
    }
  }

  /** Lists, delivering what changed since the cache was last current (everything, the first time). */
  private async relist(): Promise<void> {
    const { items, resourceVersion } = await this.source.list();
    if (this.stopped()) return;
    const seen = new Set<string>();
    for (const item of items) {
      const key = objectKey(item);
      seen.add(key);
      const previous = this.cache.get(key);
      this.cache.set(key, item);
      if (previous?.metadata?.resourceVersion !== item.metadata?.resourceVersion) this.emit(previous, item);
    }
    for (const [key, previous] of [...this.cache]) {
      if (seen.has(key)) continue;
      this.cache.delete(key);
      this.emit(previous, undefined);
    }
    this.resourceVersion = resourceVersion;
    this.retryDelay = this.initialRetryDelay;
    this.listed = true;
    this.markSynced();
  }

  private emit(previous: T | undefined, current: T | undefined): void {
    for (const handler of this.handlers) handler(previous, current);
    for (const wake of [...this.waiters]) wake();
  }
}
