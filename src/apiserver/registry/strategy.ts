/**
 * What each resource adds to the generic REST handlers: its defaults, its validation, its side effects (the Service
 * registry allocates ClusterIPs and nodePorts). The handlers own everything generic — names, uid, timestamps,
 * resourceVersion, generation, the store, watch — and call a strategy around each write.
 */
import type { Status } from '../../api/status.ts';

/** A Kubernetes object as JSON. */
export type KubeObject = Record<string, unknown> & {
  apiVersion?: string;
  kind?: string;
  metadata?: Record<string, unknown> & { name?: string; namespace?: string; generation?: number };
};

/** What a write request says beyond its body. */
export interface WriteContext {
  /** `dryRun=All`: run everything, store nothing, hand back every allocation. */
  readonly dryRun: boolean;
  readonly fieldManager?: string;
  readonly now: Date;
}

/**
 * The outcome of admitting a write: the object to store plus what to do once it is stored (`commit`) or if storing
 * fails (`revert`) — so allocations never leak — or the `Status` to answer with.
 */
export type Admission =
  | { readonly ok: true; readonly object: KubeObject; readonly commit: () => void; readonly revert: () => void }
  | { readonly ok: false; readonly status: Status };

/** One resource's behaviour. Every hook is pure apart from the resource's own allocators. */
export interface Strategy {
  /** Defaults, validates and prepares a new object (the handler has set name, namespace, uid, timestamps). */
  admitCreate(object: KubeObject, context: WriteContext): Admission;
  /** Same for an update of the main resource; `old` is what is stored. */
  admitUpdate(object: KubeObject, old: KubeObject, context: WriteContext): Admission;
  /** Same for a write to the `status` subresource: only status may change. */
  admitStatusUpdate(object: KubeObject, old: KubeObject, context: WriteContext): Admission;
  /** Called once a delete is stored (the Service registry releases its allocations here). */
  afterDelete(object: KubeObject): void;
  /**
   * Resources with graceful deletion (Pods) only: the grace period a DELETE gets from the requested one (undefined
   * when the request names none); 0 removes the object at once.
   */
  gracePeriodSeconds?(object: KubeObject, requested: number | undefined): number;
  /** Whether a spec change bumps `metadata.generation` (Deployments, ReplicaSets, Pods do; Services do not). */
  readonly tracksGeneration: boolean;
}

/** An admission that needs no follow-up. */
export function admitted(object: KubeObject): Admission {
  return { ok: true, object, commit: () => undefined, revert: () => undefined };
}
