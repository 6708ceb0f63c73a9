/**
 * Allocation for whole Services, as kube-apiserver's service registry does it on create, update and
 * delete. Each operation works on a copy of the Service and either returns it with a transaction to
 * commit, or fails and leaves every allocator exactly as it was.
 *
 * Inputs are expected to be defaulted and validated (validation errors win over "already allocated").
 */
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { allocateClusterIPs, releaseClusterIPs, updateClusterIPs } from './cluster-ip-allocation.ts';
import { initIPFamilyFields, type IPFamilyInitResult } from '../api/service/ip-families.ts';
import { allocateHealthCheckNodePort, allocateNodePorts, updateServiceNodePorts } from './node-port-allocation.ts';
import {
  configuredFamilies,
  invalidFailure,
  type AllocationFailure,
  type AllocationOutcome,
  type ServiceAllocators,
} from './service-allocators.ts';
import { collectNodePorts, isNodePortType, needsHealthCheck, specOf } from './service-fields.ts';
import { AllocationLog } from './transaction.ts';

/** Runs the steps in order on a private copy; the first failure reverts everything done so far. */
function run(
  input: Service,
  steps: ((service: Service, log: AllocationLog) => AllocationFailure | undefined)[],
): AllocationOutcome {
  const service = structuredClone(input);
  syncClusterIPs(service);
  const log = new AllocationLog();
  for (const step of steps) {
    const failure = step(service, log);
    if (failure) {
      log.revert();
      return { ok: false, failure };
    }
  }
  return { ok: true, service, transaction: log };
}

/** A `clusterIP` without `clusterIPs` means the same IP in both (as v1 defaulting does). */
function syncClusterIPs(service: Service): void {
  const spec = service.spec;
  if (spec?.clusterIP && (spec.clusterIPs ?? []).length === 0) spec.clusterIPs = [spec.clusterIP];
}

/**
 * Allocates what a new Service needs: ClusterIP(s) (requested or dynamic; none for headless or
 * ExternalName), nodePorts for NodePort/LoadBalancer, and a healthCheckNodePort for LoadBalancer + Local.
 * @example
 * const outcome = allocateServiceCreate(allocators, service);
 * if (outcome.ok) { store(outcome.service); outcome.transaction.commit(); }
 */
export function allocateServiceCreate(allocators: ServiceAllocators, service: Service): AllocationOutcome {
  return run(service, [
    (svc) => applyFamilyFields(svc, initIPFamilyFields(svc, undefined, configuredFamilies(allocators))),
    (svc, log) => allocateClusterIPs(allocators, svc, log),
    (svc, log) => (isNodePortType(svc) ? allocateNodePorts(allocators.nodePorts, svc, log) : undefined),
    (svc, log) => (needsHealthCheck(svc) ? allocateHealthCheckNodePort(allocators.nodePorts, svc, log) : undefined),
  ]);
}

/**
 * Allocates and releases what an update changes: type changes (ClusterIP → NodePort allocates every
 * port left at 0; NodePort → ClusterIP releases them), newly requested nodePorts, the healthCheckNodePort,
 * and ClusterIPs when leaving or entering ExternalName or changing families. Releases wait for commit.
 */
export function allocateServiceUpdate(
  allocators: ServiceAllocators,
  oldService: Service,
  newService: Service,
): AllocationOutcome {
  return run(newService, [
    (svc) => applyFamilyFields(svc, initIPFamilyFields(svc, oldService, configuredFamilies(allocators))),
    (svc, log) => updateClusterIPs(allocators, svc, oldService, log),
    (svc, log) => updateServiceNodePorts(allocators.nodePorts, svc, oldService, log),
  ]);
}

/** Frees everything a deleted Service held: ClusterIPs, every nodePort, and its healthCheckNodePort. */
export function releaseService(allocators: ServiceAllocators, service: Service): void {
  releaseClusterIPs(allocators, service);
  for (const port of collectNodePorts(service)) allocators.nodePorts.release(port);
  const healthCheckNodePort = specOf(service).healthCheckNodePort ?? 0;
  if (needsHealthCheck(service) && healthCheckNodePort > 0) allocators.nodePorts.release(healthCheckNodePort);
}

/** Takes the family fields the API model worked out onto the working copy, or fails with its errors. */
function applyFamilyFields(target: Service, result: IPFamilyInitResult): AllocationFailure | undefined {
  if (result.errors.length > 0) return invalidFailure(...result.errors);
  target.spec = result.service.spec ?? {};
  return undefined;
}
