/** What every controller is given: the API client, the shared informers, a clock and a logger. */
import { Informer, type InformerOptions } from '../client/informer.ts';
import type { ApiClient, KubeObject, Resource } from './client.ts';
import type { WorkQueue } from './queue.ts';

/** Where the time comes from (injectable so tests and timestamps agree). */
export interface Clock {
  now(): Date;
}

/** The shared informer over the controllers' client, knowing its collection so writes can be sent there. */
export class ResourceCache extends Informer<KubeObject> {
  /** A cache of `resource`, listed and watched through `client`; nothing happens until `start`. */
  constructor(
    client: ApiClient,
    readonly resource: Resource,
    options: InformerOptions,
  ) {
    super(client.source(resource), options);
  }
}

/** One shared cache per collection, so every controller sees the same view and the server one watch each. */
export interface Informers {
  readonly pods: ResourceCache;
  readonly services: ResourceCache;
  readonly endpoints: ResourceCache;
  readonly endpointSlices: ResourceCache;
  readonly nodes: ResourceCache;
  readonly deployments: ResourceCache;
  readonly replicaSets: ResourceCache;
  readonly leases: ResourceCache;
}

/** The shared pieces a controller is built from. */
export interface ControllerContext {
  readonly client: ApiClient;
  readonly informers: Informers;
  readonly clock: Clock;
  /** Reports a failure the controller will retry. */
  readonly log: (message: string) => void;
}

/** A controller: its queue, started once the informers have listed, stopped with the others. */
export interface Controller {
  readonly name: string;
  readonly queue: WorkQueue;
  /** Time-based controllers only: re-reads the clock (called every monitor period, as upstream's periodic loops). */
  readonly resync?: () => void;
}

/** `namespace/name` split back into its parts (no namespace for cluster-scoped keys). */
export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { namespace: '', name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** RFC 3339 to the second, as Kubernetes writes timestamps. */
export function timestamp(clock: Clock): string {
  return clock
    .now()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z');
}
