/**
 * What changed since the last sync (upstream's ServiceChangeTracker / EndpointsChangeTracker, folded into one):
 * the tracker keeps the informers' objects, drops changes that do not alter what the proxy renders (a Service's
 * status, a slice's labels, another family's addresses…), and remembers what the next sync needs to know — the
 * earliest `last-change-trigger-time` per Service and whether the node's labels (topology) changed.
 */
import type { Node, Service } from 'kubernetes-types/core/v1.d.ts';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.d.ts';
import type { IPFamily } from '../../net/index.ts';
import { changedServices } from '../changed-services.ts';
import { serviceNameLabel } from '../endpoints.ts';
import { ignoreWarnings, type InputWarning, quoted } from '../input-checks.ts';
import { buildSnapshot } from '../snapshot.ts';
import type { ProxySnapshot } from '../types.ts';

/** The EndpointSlice annotation network-programming latency is measured from. */
export const lastChangeTriggerTimeAnnotation = 'endpoints.kubernetes.io/last-change-trigger-time';

/** What accumulated since the last successful sync. */
export interface PendingChanges {
  /** Earliest change-trigger time (ms) per Service `namespace/name`. */
  readonly triggerTimes: ReadonlyMap<string, number>;
  /** The node's labels changed: the next sync must be full. */
  readonly topologyChanged: boolean;
}

type Keyed = { readonly metadata?: { readonly namespace?: string; readonly name?: string } };

/** A string field as is, anything else as JSON (a hostile object's `toString` may not be callable). */
function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined ? '' : quoted(value);
}

function keyOf(object: Keyed): string {
  return `${text(object.metadata?.namespace)}/${text(object.metadata?.name)}`;
}

function sameLabels(a: Node | undefined, b: Node | undefined): boolean {
  const left = a?.metadata?.labels ?? {};
  const right = b?.metadata?.labels ?? {};
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => left[key] === right[key]);
}

/** The informers' view of the cluster for one node and IP family, and the changes a sync has not taken yet. */
export class ProxyChangeTracker {
  readonly nodeName: string;
  readonly ipFamily: IPFamily;
  readonly #services = new Map<string, Service>();
  readonly #slices = new Map<string, EndpointSlice>();
  #node: Node | undefined;
  #triggerTimes = new Map<string, number>();
  #topologyChanged = false;
  #pending = false;
  readonly #warn: InputWarning;

  /**
   * An empty tracker for `nodeName`'s proxier of `ipFamily`; `warn` hears, once per change, every object, port
   * or endpoint left out as invalid.
   */
  constructor(nodeName: string, ipFamily: IPFamily, warn: InputWarning = ignoreWarnings) {
    this.nodeName = nodeName;
    this.ipFamily = ipFamily;
    this.#warn = warn;
  }

  /** This node's Node object, once seen. */
  get node(): Node | undefined {
    return this.#node;
  }

  /** Whether a change is waiting for a sync. */
  get hasPendingChanges(): boolean {
    return this.#pending;
  }

  /** Records a Service add/update/delete; returns false when the proxy's view did not change (a no-op). */
  serviceChanged(previous: Service | undefined, current: Service | undefined): boolean {
    const key = keyOf(current ?? previous ?? {});
    if (current === undefined) this.#services.delete(key);
    else this.#services.set(key, current);
    const node = { name: this.nodeName, ipFamily: this.ipFamily };
    const before = buildSnapshot(previous === undefined ? [] : [previous], [], node);
    const after = buildSnapshot(current === undefined ? [] : [current], [], node, this.#warn);
    return this.#queue(changedServices(before, after).size > 0);
  }

  /** Records an EndpointSlice add/update/delete; returns false when no endpoint the proxy uses changed. */
  endpointSliceChanged(previous: EndpointSlice | undefined, current: EndpointSlice | undefined): boolean {
    const slice = current ?? previous;
    if (slice === undefined) return false;
    const key = keyOf(slice);
    if (current === undefined) this.#slices.delete(key);
    else this.#slices.set(key, current);
    const node = { name: this.nodeName, ipFamily: this.ipFamily };
    const before = buildSnapshot([], previous === undefined ? [] : [previous], node);
    const after = buildSnapshot([], current === undefined ? [] : [current], node, this.#warn);
    const changed = this.#queue(changedServices(before, after).size > 0);
    if (changed) this.#recordTriggerTime(slice);
    return changed;
  }

  /** Records this node's Node object; a change of its labels (topology) makes the next sync full. */
  nodeChanged(previous: Node | undefined, current: Node | undefined): boolean {
    const before = this.#node ?? previous;
    this.#node = current;
    if (sameLabels(before, current)) return false;
    this.#topologyChanged = true;
    return this.#queue(true);
  }

  /** The snapshot of everything known now. */
  snapshot(): ProxySnapshot {
    return buildSnapshot([...this.#services.values()], [...this.#slices.values()], {
      name: this.nodeName,
      ipFamily: this.ipFamily,
      topologyLabels: this.#node?.metadata?.labels ?? {},
    });
  }

  /** Hands the pending changes to a sync and clears them (give them back with `requeue` if the sync fails). */
  takePending(): PendingChanges {
    const taken = { triggerTimes: this.#triggerTimes, topologyChanged: this.#topologyChanged };
    this.#triggerTimes = new Map();
    this.#topologyChanged = false;
    this.#pending = false;
    return taken;
  }

  /** Puts back what a failed sync took, keeping the earliest trigger times. */
  requeue(changes: PendingChanges): void {
    for (const [name, time] of changes.triggerTimes) this.#noteTrigger(name, time);
    this.#topologyChanged ||= changes.topologyChanged;
    this.#pending = true;
  }

  #queue(changed: boolean): boolean {
    if (changed) this.#pending = true;
    return changed;
  }

  #recordTriggerTime(slice: EndpointSlice): void {
    const stamp: unknown = slice.metadata?.annotations?.[lastChangeTriggerTimeAnnotation];
    const service: unknown = slice.metadata?.labels?.[serviceNameLabel];
    if (typeof stamp !== 'string' || typeof service !== 'string') return;
    const time = Date.parse(stamp);
    if (!Number.isNaN(time)) this.#noteTrigger(`${text(slice.metadata?.namespace)}/${service}`, time);
  }

  #noteTrigger(name: string, time: number): void {
    const known = this.#triggerTimes.get(name);
    if (known === undefined || time < known) this.#triggerTimes.set(name, time);
  }
}
