/**
 * One list+watch informer over `@kubernetes/client-node`'s `ListWatch`: it keeps its own copy of every object so
 * handlers get the previous and the current version, reports when the first list has arrived, and restarts itself
 * after errors (the library's informer stops on any list or watch error and never retries).
 */
import {
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
  ListWatch,
  Watch,
  makeInformer,
} from '@kubernetes/client-node';

/** Called for every change: add (no previous), update, delete (no current). */
export type ChangeHandler<T> = (previous: T | undefined, current: T | undefined) => void;

/** What to list and watch, and whom to tell. */
export interface ResourceInformerOptions<T extends KubernetesObject> {
  readonly kubeConfig: KubeConfig;
  /** The collection's path, e.g. `/api/v1/services`. */
  readonly path: string;
  /** Lists the collection (the same selector as the watch). */
  readonly list: () => Promise<KubernetesListObject<T>>;
  readonly fieldSelector?: string;
  readonly onChange: ChangeHandler<T>;
  /** Told about every list/watch failure before the retry. */
  readonly onError?: (error: unknown) => void;
  /** Delay before a restart after a failure (default 1000 ms, doubling up to 30 s). */
  readonly retryDelayMs?: number;
}

/** A running informer. */
export interface ResourceInformer<T> {
  /** Whether the first full list has been delivered. */
  readonly synced: boolean;
  /** Resolves once the first full list has been delivered. */
  readonly whenSynced: Promise<void>;
  /** Every object currently known. */
  list(): T[];
  stop(): Promise<void>;
}

function keyOf(object: KubernetesObject): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}

/** Starts listing and watching; returns at once (see `whenSynced`). */
export function startResourceInformer<T extends KubernetesObject>(
  options: ResourceInformerOptions<T>,
): ResourceInformer<T> {
  const objects = new Map<string, T>();
  let listed = false;
  let synced = false;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryDelay = options.retryDelayMs ?? 1000;
  let markSynced: () => void = () => undefined;
  const whenSynced = new Promise<void>((resolve) => (markSynced = resolve));
  const list = async (): Promise<KubernetesListObject<T>> => {
    const result = await options.list();
    listed = true;
    return result;
  };
  const informer =
    options.fieldSelector === undefined
      ? makeInformer(options.kubeConfig, options.path, list)
      : new ListWatch(options.path, new Watch(options.kubeConfig), list, false, undefined, options.fieldSelector);
  const upsert = (object: T): void => {
    const key = keyOf(object);
    const previous = objects.get(key);
    objects.set(key, object);
    options.onChange(previous, object);
  };
  informer.on('add', upsert);
  informer.on('update', upsert);
  informer.on('delete', (object: T) => {
    const key = keyOf(object);
    const previous = objects.get(key) ?? object;
    objects.delete(key);
    options.onChange(previous, undefined);
  });
  const begin = async (): Promise<void> => {
    await informer.start();
    if (listed && !stopped) {
      synced = true;
      markSynced();
      retryDelay = options.retryDelayMs ?? 1000;
    }
  };
  informer.on('error', (error: unknown) => {
    if (stopped || retryTimer !== undefined) return;
    options.onError?.(error);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (!stopped) run();
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 30_000);
  });
  const run = (): void => {
    begin().catch((error: unknown) => options.onError?.(error));
  };
  run();
  return {
    get synced() {
      return synced;
    },
    whenSynced,
    list: () => [...objects.values()],
    stop: async () => {
      stopped = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      await informer.stop();
    },
  };
}
