/**
 * What a repair pass finds, as data: one entry per problem, with the message upstream's repair
 * controllers log for it.
 */

/**
 * - `NotAllocated`: a Service holds a value the allocator state lacked (repaired: now allocated).
 * - `DoubleUse`: a value held by a second Service (or twice by one); the later holder must be recreated.
 * - `OutOfRange`: a value outside the configured range or CIDR.
 * - `InvalidIP`: a ClusterIP that is not an address.
 * - `FamilyNotConfigured`: a ClusterIP of a family the cluster has no pool for.
 * - `LeakSuspected`: allocated but held by no Service; kept for now in case its Service is being written.
 * - `LeakReleased`: held by no Service for enough passes; freed.
 */
export type RepairProblemKind =
  'NotAllocated' | 'DoubleUse' | 'OutOfRange' | 'InvalidIP' | 'FamilyNotConfigured' | 'LeakSuspected' | 'LeakReleased';

/** One problem found by repair. */
export interface RepairProblem {
  readonly kind: RepairProblemKind;
  readonly resource: 'nodePort' | 'clusterIP';
  /** The port number or the IP as written. */
  readonly value: number | string;
  /** `namespace/name` of the Service concerned; absent for leaks, which have no Service. */
  readonly service?: string;
  /** A readable line, in the words of upstream's repair controllers. */
  readonly message: string;
}

/** Passes a leak survives before it is freed (upstream's numRepairsBeforeLeakCleanup). */
export const REPAIRS_BEFORE_LEAK_CLEANUP = 3;

/**
 * Leak counters carried from one repair pass to the next, keyed by resource and value. A leak is kept
 * for the first passes that see it, so a value allocated for a Service not yet stored is not freed.
 */
export type LeakCounts = Map<string, number>;

/** Decides what to do with an unowned value this pass, and updates its counter. */
export function settleLeak(leaks: LeakCounts, key: string): 'LeakSuspected' | 'LeakReleased' {
  const remaining = leaks.get(key) ?? REPAIRS_BEFORE_LEAK_CLEANUP - 1;
  if (remaining > 0) {
    leaks.set(key, remaining - 1);
    return 'LeakSuspected';
  }
  leaks.delete(key);
  return 'LeakReleased';
}
