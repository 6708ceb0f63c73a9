/**
 * Rebuilds the ClusterIP pools from the Services that exist (upstream's ipallocator repair controller).
 */
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { formatIP, type IPAddress } from '../net/index.ts';
import { ClusterIPAllocator, parseServiceIP } from './cluster-ip-allocator.ts';
import type { RandomSource } from './random.ts';
import { settleLeak, type LeakCounts, type RepairProblem } from './repair-problems.ts';
import { CLUSTER_IP_NONE, serviceKey, specOf } from './service-fields.ts';

/** The ClusterIPs a Service holds: none when unset or headless. */
export function repairClusterIPsOf(service: Service): string[] {
  const spec = specOf(service);
  if (!spec.clusterIP || spec.clusterIP === CLUSTER_IP_NONE) return [];
  return (spec.clusterIPs ?? []).length > 0 ? [...(spec.clusterIPs ?? [])] : [spec.clusterIP];
}

interface Pools {
  readonly rebuilt: ClusterIPAllocator;
  readonly unclaimed: ClusterIPAllocator;
}

/** Rebuilds one pool per `stored` pool from `services`; the stored pools are left untouched. */
export function repairClusterIPs(
  services: readonly Service[],
  stored: readonly ClusterIPAllocator[],
  leaks: LeakCounts,
  random?: RandomSource,
): { allocators: ClusterIPAllocator[]; problems: RepairProblem[] } {
  const pools = stored.map((pool): Pools => {
    const unclaimed = new ClusterIPAllocator(pool.cidr);
    unclaimed.restore(pool.snapshot());
    return { rebuilt: new ClusterIPAllocator(pool.cidr, random ? { random } : {}), unclaimed };
  });
  const problems: RepairProblem[] = [];
  for (const service of services) {
    for (const ip of repairClusterIPsOf(service)) {
      const problem = claim(pools, ip, serviceKey(service), leaks);
      if (problem) problems.push(problem);
    }
  }
  for (const { rebuilt, unclaimed } of pools) {
    for (const ip of unclaimed.values()) problems.push(settle(rebuilt, ip, leaks));
  }
  return { allocators: pools.map((pool) => pool.rebuilt), problems };
}

/** Marks one Service's ClusterIP as held in the rebuilt pool; returns the problem, if any. */
function claim(pools: readonly Pools[], ip: string, key: string, leaks: LeakCounts): RepairProblem | undefined {
  const address = parseServiceIP(ip);
  const problem = (kind: RepairProblem['kind'], message: string): RepairProblem => ({
    kind,
    resource: 'clusterIP',
    value: ip,
    service: key,
    message,
  });
  // Upstream prints name/namespace here; namespace/name is what the words mean.
  if (address === undefined) {
    return problem('InvalidIP', `the cluster IP ${ip} for service ${key} is not a valid IP; please recreate`);
  }
  const pool = pools.find((candidate) => candidate.rebuilt.family === address.family);
  if (pool === undefined) {
    const detail = 'is of ip family that is no longer configured on cluster; please recreate';
    return problem('FamilyNotConfigured', `the cluster IP ${ip}(${address.family}) for service ${key} ${detail}`);
  }
  const shown = describe(address);
  const error = pool.rebuilt.allocate(address);
  if (error?.code === 'AlreadyAllocated') {
    return problem(
      'DoubleUse',
      `the cluster IP ${shown} for service ${key} was assigned to multiple services; please recreate`,
    );
  }
  if (error) {
    const cidr = pool.rebuilt.cidrText;
    return problem(
      'OutOfRange',
      `the cluster IP ${shown} for service ${key} is not within the service CIDR ${cidr}; please recreate`,
    );
  }
  leaks.delete(leakKey(address));
  if (pool.unclaimed.has(address)) {
    pool.unclaimed.release(address);
    return undefined;
  }
  return problem('NotAllocated', `the cluster IP ${shown} for service ${key} is not allocated; repairing`);
}

/** An allocated address no Service holds: kept for a few passes, then freed. */
function settle(rebuilt: ClusterIPAllocator, ip: string, leaks: LeakCounts): RepairProblem {
  const address = parseServiceIP(ip) ?? { family: rebuilt.family, value: 0n };
  const shown = describe(address);
  if (settleLeak(leaks, leakKey(address)) === 'LeakSuspected') {
    rebuilt.allocate(address);
    const message = `the cluster IP ${shown} may have leaked: flagging for later clean up`;
    return { kind: 'LeakSuspected', resource: 'clusterIP', value: ip, message };
  }
  return {
    kind: 'LeakReleased',
    resource: 'clusterIP',
    value: ip,
    message: `the cluster IP ${shown} appears to have leaked: cleaning up`,
  };
}

/** `[IPv4]:10.96.0.5`, as the dual-stack repair controller names an address. */
function describe(address: IPAddress): string {
  return `[${address.family}]:${formatIP(address)}`;
}

function leakKey(address: IPAddress): string {
  return `clusterIP:${formatIP(address)}`;
}
