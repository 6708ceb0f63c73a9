/**
 * The shared informer (`informer.ts`) over a kubeconfig, for any API server: lists through the library's typed API
 * and watches with its `Watch`, so the library handles whatever authentication the kubeconfig names.
 */
import { type KubeConfig, type KubernetesListObject, type KubernetesObject, Watch } from '@kubernetes/client-node';
import {
  type ChangeHandler,
  Informer,
  type ListWatchSource,
  type ObjectWithMeta,
  type WatchEvent,
} from './informer.ts';

/** What to list and watch through a kubeconfig. */
export interface KubeConfigSourceOptions {
  readonly kubeConfig: KubeConfig;
  /** The collection's path, e.g. `/api/v1/services`. */
  readonly path: string;
  /** Lists the collection, with the same field selector as the watch (e.g. `core.listNode({ fieldSelector })`). */
  readonly list: () => Promise<KubernetesListObject<KubernetesObject>>;
  readonly fieldSelector?: string;
}

/**
 * A list/watch source over a kubeconfig. Typed lists come back as the library's model classes while watch events
 * are plain JSON; both have the API's field names, and consumers read them as `T` (a `kubernetes-types` shape).
 */
export function kubeConfigSource<T>(options: KubeConfigSourceOptions): ListWatchSource<T> {
  const watcher = new Watch(options.kubeConfig);
  const selector = options.fieldSelector === undefined ? {} : { fieldSelector: options.fieldSelector };
  return {
    list: async () => {
      const list = await options.list();
      return { items: list.items as unknown as T[], resourceVersion: list.metadata?.resourceVersion ?? '' };
    },
    watch: (resourceVersion, signal, onEvent) =>
      new Promise<void>((resolve, reject) => {
        const query = { resourceVersion, allowWatchBookmarks: true, ...selector };
        const request = watcher.watch(
          options.path,
          query,
          (type: string, object: T) => {
            onEvent({ type, object } as WatchEvent<T>);
          },
          (error: unknown) => {
            if (error === null || error === undefined) resolve();
            else reject(error instanceof Error ? error : new Error('watch failed', { cause: error }));
          },
        );
        request.catch(reject);
        // The library hands out its abort handle only once the response has begun; stopping must not wait for that.
        const abort = (): void => {
          reject(signal.reason as Error);
          request.then(
            (controller) => {
              controller.abort();
            },
            () => undefined,
          );
        };
        if (signal.aborted) abort();
        else signal.addEventListener('abort', abort, { once: true });
      }),
  };
}

/** What to list and watch through a kubeconfig, and whom to tell. */
export interface ResourceInformerOptions<T> extends KubeConfigSourceOptions {
  readonly onChange: ChangeHandler<T>;
  /** Told about every list/watch failure before the retry. */
  readonly onError?: (error: unknown) => void;
  /** Delay before a restart after a failure (default 1000 ms, doubling up to 30 s). */
  readonly retryDelayMs?: number;
}

/**
 * Starts listing and watching through a kubeconfig; returns at once (see `whenSynced`).
 *
 * @example
 * const nodes = startResourceInformer<Node>({ kubeConfig, path: '/api/v1/nodes', list: () => core.listNode(), onChange });
 * await nodes.whenSynced;
 */
export function startResourceInformer<T extends ObjectWithMeta>(options: ResourceInformerOptions<T>): Informer<T> {
  const informer = new Informer<T>(kubeConfigSource<T>(options), {
    ...(options.onError === undefined ? {} : { onError: options.onError }),
    ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
  });
  informer.onChange(options.onChange);
  informer.start();
  return informer;
}
