/**
 * Repair: rebuilds every allocator from the Services that exist, as kube-apiserver's repair
 * controllers do at startup and periodically, and reports what did not add up.
 */
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import type { RandomSource } from './random.ts';
import { repairClusterIPs } from './repair-cluster-ips.ts';
import { repairNodePorts } from './repair-node-ports.ts';
import type { LeakCounts, RepairProblem } from './repair-problems.ts';
import type { ServiceAllocators } from './service-allocators.ts';

export type { LeakCounts, RepairProblem, RepairProblemKind } from './repair-problems.ts';

/** Knobs of one repair pass. */
export interface RepairOptions {
  /** Leak counters from the previous pass (updated in place); without them every leak is new and kept. */
  readonly leaks?: LeakCounts;
  /** Random source of the rebuilt allocators. */
  readonly random?: RandomSource;
}

/** The rebuilt allocators (same ranges as before) and the problems found, nodePorts first. */
export interface RepairResult {
  readonly allocators: ServiceAllocators;
  readonly problems: readonly RepairProblem[];
}

/**
 * Rebuilds allocators holding exactly what `services` hold (plus leaks still in their grace period) and
 * lists double uses, out-of-range values, values missing from `stored`, and values `stored` holds for
 * no Service. `stored` itself is not changed.
 * @example
 * const { allocators, problems } = repairAllocators(services, current, { leaks });
 * for (const problem of problems) log.warn(problem.message);
 */
export function repairAllocators(
  services: readonly Service[],
  stored: ServiceAllocators,
  options: RepairOptions = {},
): RepairResult {
  const leaks = options.leaks ?? new Map<string, number>();
  const ports = repairNodePorts(services, stored.nodePorts, leaks, options.random);
  const ips = repairClusterIPs(services, stored.clusterIPs, leaks, options.random);
  return {
    allocators: { nodePorts: ports.allocator, clusterIPs: ips.allocators },
    problems: [...ports.problems, ...ips.problems],
  };
}
