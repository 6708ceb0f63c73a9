/**
 * A list-then-watch cache of one collection, over the HTTP API: it lists, watches from the list's resourceVersion,
 * re-watches when the stream ends and re-lists when the server says the version expired (410). Handlers see every
 * change, including the differences a re-list finds.
 */
import { type ApiClient, ApiError, type KubeObject, type Resource, type WatchEvent, isApiError } from './client.ts';

/** What changed: the object now (undefined once deleted) and before (undefined when new). */
export type ChangeHandler = (current: KubeObject | undefined, previous: KubeObject | undefined) => void;

/** `namespace/name`, or `name` for cluster-scoped objects. */
export function objectKey(object: KubeObject): string {
  const namespace = object.metadata.namespace;
  return namespace === undefined || namespace === '' ? object.metadata.name : `${namespace}/${object.metadata.name}`;
}

const RETRY_MS = 200;

/** A cache of one collection kept current by list + watch. */
export class Informer {
  private readonly cache = new Map<string, KubeObject>();
  private readonly handlers: ChangeHandler[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly abort = new AbortController();
  private resourceVersion = '';

  /** An informer for `resource`; nothing happens until `start`. */
  constructor(
    private readonly client: ApiClient,
    readonly resource: Resource,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Registers a change handler (before `start`, to see the initial list). */
  onChange(handler: ChangeHandler): void {
    this.handlers.push(handler);
  }

  /** Lists once (resolving then) and keeps watching in the background until `stop`. */
  async start(): Promise<void> {
    await this.relist();
    void this.run();
  }

  /** Ends the watch and releases anyone waiting. */
  stop(): void {
    this.abort.abort();
    for (const wake of this.waiters) wake();
  }

  /** Every cached object. */
  list(): KubeObject[] {
    return [...this.cache.values()];
  }

  /** One cached object by namespace (empty for cluster-scoped) and name. */
  get(namespace: string, name: string): KubeObject | undefined {
    return this.cache.get(namespace === '' ? name : `${namespace}/${name}`);
  }

  /**
   * Resolves once `condition` holds for the cache (or the informer stops, or `timeoutMs` passes): how a controller
   * waits to see its own writes before acting again, so it never acts twice on a stale view.
   */
  async waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
    while (!condition() && !this.abort.signal.aborted) {
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
    return this.abort.signal.aborted;
  }

  private async run(): Promise<void> {
    while (!this.abort.signal.aborted) {
      try {
        await this.client.watch(this.resource, this.resourceVersion, this.abort.signal, (event) => {
          this.apply(event);
        });
      } catch (error) {
        if (this.stopped()) return;
        if (!isApiError(error, 410)) this.onError(error);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        await this.relist().catch((relistError: unknown) => {
          this.onError(relistError);
        });
      }
    }
  }

  private apply(event: WatchEvent): void {
    if (event.type === 'ERROR') {
      const status = event.object as { code?: number; reason?: string; message?: string };
      throw new ApiError(status.code ?? 500, status.reason ?? '', status.message ?? 'watch error event');
    }
    const version = event.object.metadata.resourceVersion;
    if (version !== undefined) this.resourceVersion = version;
    if (event.type === 'BOOKMARK') return;
    const key = objectKey(event.object);
    const previous = this.cache.get(key);
    if (event.type === 'DELETED') this.cache.delete(key);
    else this.cache.set(key, event.object);
    this.emit(event.type === 'DELETED' ? undefined : event.object, previous);
  }

  private async relist(): Promise<void> {
    const { items, resourceVersion } = await this.client.list(this.resource);
    const seen = new Set<string>();
    for (const item of items) {
      const key = objectKey(item);
      seen.add(key);
      const previous = this.cache.get(key);
      this.cache.set(key, item);
      if (previous?.metadata.resourceVersion !== item.metadata.resourceVersion) this.emit(item, previous);
    }
    for (const [key, previous] of [...this.cache]) {
      if (seen.has(key)) continue;
      this.cache.delete(key);
      this.emit(undefined, previous);
    }
    this.resourceVersion = resourceVersion;
  }

  private emit(current: KubeObject | undefined, previous: KubeObject | undefined): void {
    for (const handler of this.handlers) handler(current, previous);
    for (const wake of [...this.waiters]) wake();
  }
}
