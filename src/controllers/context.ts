/** What every controller is given: the API client, the shared informers, a clock and a logger. */
import type { ApiClient } from './client.ts';
import type { Informer } from './informer.ts';
import type { WorkQueue } from './queue.ts';

/** Where the time comes from (injectable so tests and timestamps agree). */
export interface Clock {
  now(): Date;
}

/** One shared cache per collection, so every controller sees the same view and the server one watch each. */
export interface Informers {
  readonly pods: Informer;
  readonly services: Informer;
  readonly endpoints: Informer;
  readonly endpointSlices: Informer;
  readonly nodes: Informer;
  readonly deployments: Informer;
  readonly replicaSets: Informer;
  readonly leases: Informer;
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
