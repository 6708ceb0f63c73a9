/**
 * The cluster's Service network: the nodePort range and the service CIDR, and the allocators rebuilt from the
 * stored Services at startup (the allocation bitmaps are not stored; the Services are the truth).
 */
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { ClusterIPAllocator, kubernetesServiceIP } from '../../allocator/cluster-ip-allocator.ts';
import { NodePortAllocator } from '../../allocator/node-port-allocator.ts';
import type { PortRange } from '../../allocator/port-range.ts';
import { repairAllocators, type RepairProblem } from '../../allocator/repair.ts';
import { type ServiceAllocators, serviceAllocators } from '../../allocator/service-allocators.ts';

/** `--service-node-port-range` and `--service-cluster-ip-range`. */
export interface ServiceNetwork {
  readonly nodePortRange: PortRange;
  readonly serviceCIDR: string;
}

/** Allocators holding exactly what `services` hold, and what did not add up (double use, out of range). */
export function allocatorsFromServices(
  services: readonly Service[],
  network: ServiceNetwork,
): { allocators: ServiceAllocators; problems: readonly RepairProblem[] } {
  const empty = serviceAllocators(
    new NodePortAllocator(network.nodePortRange),
    new ClusterIPAllocator(network.serviceCIDR),
  );
  const { allocators, problems } = repairAllocators(services, empty);
  // Starting from empty pools, every value a Service holds is "not allocated yet": expected, not a problem.
  return { allocators, problems: problems.filter((problem) => problem.kind !== 'NotAllocated') };
}

/** The ClusterIP of `default/kubernetes`: the first address of the service CIDR. */
export function kubernetesServiceClusterIP(network: ServiceNetwork): string {
  const ip = kubernetesServiceIP(network.serviceCIDR);
  if (ip === undefined) throw new Error(`service CIDR ${network.serviceCIDR} has no usable address`);
  return ip;
}
