/**
 * The ClusterIP steps of Service create, update and delete (upstream's allocClusterIPs,
 * updateClusterIPs and releaseClusterIPs), recording every change in an AllocationLog.
 */
import type { Service, ServiceSpec } from 'kubernetes-types/core/v1.d.ts';
import { goStringSlice, invalid } from '../api/field-errors.ts';
import { requestedIPMessage, serviceIPExhaustedMessage, unparsableIPMessage } from './allocation-messages.ts';
import { parseServiceIP, type ClusterIPAllocator } from './cluster-ip-allocator.ts';
import { isMatchingPreferDualStack } from '../api/service/ip-families.ts';
import {
  internalFailure,
  invalidFailure,
  ipAllocatorFor,
  type AllocationFailure,
  type ServiceAllocators,
} from './service-allocators.ts';
import { isHeadless, serviceType, ServiceType, specOf } from './service-fields.ts';
import type { AllocationLog } from './transaction.ts';

/** Gives `spec` a ClusterIP per family in `spec.ipFamilies`, honouring the ones it names. */
export function allocateClusterIPs(
  allocators: ServiceAllocators,
  service: Service,
  log: AllocationLog,
): AllocationFailure | undefined {
  const spec = (service.spec ??= {});
  if (serviceType(service) === ServiceType.ExternalName || isHeadless(service)) return undefined;
  const clusterIPs = (spec.clusterIPs ??= []);
  const families = spec.ipFamilies ?? [];
  // Empty strings mark the families still to be allocated.
  while (clusterIPs.length < families.length) clusterIPs.push('');
  for (const [index, family] of families.entries()) {
    const failure = allocateOne(allocators, spec, index, family, log);
    if (failure) return failure;
  }
  if (clusterIPs[0] !== undefined) spec.clusterIP = clusterIPs[0];
  return undefined;
}

/** Allocates `spec.clusterIPs[index]` (requested or dynamic) from the family's pool. */
function allocateOne(
  allocators: ServiceAllocators,
  spec: ServiceSpec,
  index: number,
  family: string,
  log: AllocationLog,
): AllocationFailure | undefined {
  const clusterIPs = spec.clusterIPs ?? [];
  const pool = ipAllocatorFor(allocators, family);
  if (pool === undefined) {
    return internalFailure(serviceIPExhaustedMessage(`${family} is not configured on this cluster`));
  }
  const requested = clusterIPs[index] ?? '';
  if (requested === '') {
    const result = pool.allocateNext();
    if (!result.ok) return internalFailure(serviceIPExhaustedMessage(result.error.message));
    log.allocated(() => pool.release(result.value));
    clusterIPs[index] = result.value;
    return undefined;
  }
  const address = parseServiceIP(requested);
  if (address === undefined) return internalFailure(unparsableIPMessage(requested));
  const error = pool.allocate(address);
  if (error) {
    return invalidFailure(
      invalid('spec.clusterIPs', goStringSlice(clusterIPs), requestedIPMessage(requested, error.message)),
    );
  }
  log.allocated(() => pool.release(address));
  return undefined;
}

/**
 * The ClusterIP side of an update: ExternalName to a ClusterIP type allocates; the reverse releases (on
 * commit) and clears the fields; gaining a second family allocates it; losing it releases it on commit.
 */
export function updateClusterIPs(
  allocators: ServiceAllocators,
  service: Service,
  old: Service,
  log: AllocationLog,
): AllocationFailure | undefined {
  if (isMatchingPreferDualStack(service, old)) return undefined;
  const wasExternalName = serviceType(old) === ServiceType.ExternalName;
  const isExternalName = serviceType(service) === ServiceType.ExternalName;
  if (wasExternalName && !isExternalName) return allocateClusterIPs(allocators, service, log);
  if (!wasExternalName && isExternalName) {
    // A headless Service's `None` belongs to no pool, so releasing it is a no-op.
    for (const ip of specOf(old).clusterIPs ?? []) releaseOnCommit(allocators, ip, log);
    clearClusterIPFields(service);
    return undefined;
  }
  if (isHeadless(old)) return undefined;
  const spec = (service.spec ??= {});
  const oldFamilies = specOf(old).ipFamilies ?? [];
  const newFamilies = spec.ipFamilies ?? [];
  if (oldFamilies.length === 1 && newFamilies.length === 2) {
    const clusterIPs = (spec.clusterIPs ??= []);
    if (clusterIPs.length < 2) clusterIPs.push('');
    return allocateOne(allocators, spec, 1, newFamilies[1] ?? '', log);
  }
  if (oldFamilies.length === 2 && newFamilies.length === 1) {
    const secondary = specOf(old).clusterIPs?.[1];
    if (secondary !== undefined) releaseOnCommit(allocators, secondary, log);
  }
  return undefined;
}

/** Frees every ClusterIP of a Service being deleted (none for ExternalName or headless Services). */
export function releaseClusterIPs(allocators: ServiceAllocators, service: Service): void {
  if (serviceType(service) === ServiceType.ExternalName || isHeadless(service)) return;
  for (const ip of specOf(service).clusterIPs ?? []) poolOf(allocators, ip)?.release(ip);
}

function releaseOnCommit(allocators: ServiceAllocators, ip: string, log: AllocationLog): void {
  const pool = poolOf(allocators, ip);
  if (pool) log.releaseOnCommit(() => pool.release(ip));
}

/** The pool of the IP's family; none for a non-address such as a headless Service's `None`. */
function poolOf(allocators: ServiceAllocators, ip: string): ClusterIPAllocator | undefined {
  return ipAllocatorFor(allocators, parseServiceIP(ip)?.family);
}

/** An ExternalName Service owns no ClusterIP, so it must not name one. */
function clearClusterIPFields(service: Service): void {
  const spec = (service.spec ??= {});
  delete spec.clusterIP;
  delete spec.clusterIPs;
  delete spec.ipFamilies;
  delete spec.ipFamilyPolicy;
}
