/** What the generic registry operations need: the store, each resource's strategy, and a clock. */
import type { Store } from '../../store/types.ts';
import type { Strategy } from '../registry/strategy.ts';
import type { ResourceInfo } from '../resources.ts';

/** The registry's dependencies, shared by the HTTP handlers and the startup bootstrap. */
export interface RegistryContext {
  readonly store: Store;
  /** The strategy of a served resource (the generic one until the resource has its own). */
  strategyFor(info: ResourceInfo): Strategy;
  /** Injected so tests control timestamps. */
  now(): Date;
}

/** Options of a write beyond its body. */
export interface WriteOptions {
  readonly dryRun: boolean;
  readonly fieldManager?: string;
}
