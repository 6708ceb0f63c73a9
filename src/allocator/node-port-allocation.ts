/**
 * The nodePort and healthCheckNodePort steps of Service create and update (upstream's initNodePorts,
 * updateNodePorts, allocHealthCheckNodePort and updateHealthCheckNodePort), recorded in an AllocationLog.
 */
import type { Service, ServicePort } from 'kubernetes-types/core/v1.d.ts';
import { invalid } from '../api/field-errors.ts';
import {
  duplicateNodePortMessage,
  healthCheckPortExhaustedMessage,
  nodePortExhaustedMessage,
  requestedHealthCheckPortMessage,
} from './allocation-messages.ts';
import type { NodePortAllocator } from './node-port-allocator.ts';
import { internalFailure, invalidFailure, type AllocationFailure } from './service-allocators.ts';
import {
  collectNodePorts,
  isNodePortType,
  needsHealthCheck,
  portsOf,
  serviceType,
  ServiceType,
  shouldAllocateNodePorts,
  specOf,
} from './service-fields.ts';
import type { AllocationLog } from './transaction.ts';

/** The first nodePort requested by any port with this `port` number, or 0 (upstream's `findRequestedNodePort`). */
export function findRequestedNodePort(port: number, ports: readonly ServicePort[]): number {
  return ports.find((candidate) => candidate.port === port && (candidate.nodePort ?? 0) !== 0)?.nodePort ?? 0;
}

/** Reserves a requested port, or says why not as a field error on `spec.ports[index].nodePort`. */
function reserve(
  pool: NodePortAllocator,
  port: number,
  index: number,
  log: AllocationLog,
): AllocationFailure | undefined {
  const error = pool.allocate(port);
  if (error) return invalidFailure(invalid(`spec.ports[${index}].nodePort`, port, error.message));
  log.allocated(() => pool.release(port));
  return undefined;
}

/** Takes any free port, or fails with an internal error when the pool is exhausted. */
function takeNext(pool: NodePortAllocator, log: AllocationLog): number | AllocationFailure {
  const result = pool.allocateNext();
  if (!result.ok) return internalFailure(nodePortExhaustedMessage(result.error.message));
  log.allocated(() => pool.release(result.value));
  return result.value;
}

/** The nodePort for the first port with this `port` number: a sibling's request if any, else a dynamic one. */
function claimForServicePort(
  pool: NodePortAllocator,
  ports: readonly ServicePort[],
  index: number,
  log: AllocationLog,
): number | AllocationFailure {
  const requested = findRequestedNodePort(ports[index]?.port ?? 0, ports);
  if (requested === 0) return takeNext(pool, log);
  // A sibling's request is reported against this port's index, as upstream does.
  return reserve(pool, requested, index, log) ?? requested;
}

/**
 * Create: every port gets a nodePort (requested or dynamic); ports sharing a `port` number (53/TCP and
 * 53/UDP) share one nodePort. A LoadBalancer with allocateLoadBalancerNodePorts: false only keeps requests.
 */
export function allocateNodePorts(
  pool: NodePortAllocator,
  service: Service,
  log: AllocationLog,
): AllocationFailure | undefined {
  const ports = specOf(service).ports ?? [];
  const allocate = shouldAllocateNodePorts(service);
  const byServicePort = new Map<number, number>();
  for (const [index, port] of ports.entries()) {
    const current = port.nodePort ?? 0;
    if (current === 0 && !allocate) continue;
    const shared = byServicePort.get(port.port);
    if (shared === undefined) {
      const chosen = claimForServicePort(pool, ports, index, log);
      if (typeof chosen !== 'number') return chosen;
      port.nodePort = chosen;
      byServicePort.set(port.port, chosen);
    } else if (current === 0) {
      port.nodePort = shared;
    } else if (current !== shared) {
      const failure = reserve(pool, current, index, log);
      if (failure) return failure;
    }
  }
  return undefined;
}

/**
 * Update of a Service that is (still or now) NodePort/LoadBalancer: new requested ports are reserved,
 * ports left at 0 get one each, and old ports no longer named are released on commit. Unlike create,
 * ports with the same `port` number are not paired up here: each port left at 0 gets its own (as upstream).
 */
export function updateNodePorts(
  pool: NodePortAllocator,
  service: Service,
  old: Service,
  log: AllocationLog,
): AllocationFailure | undefined {
  const oldPorts = collectNodePorts(old);
  const allocate = shouldAllocateNodePorts(service);
  const reservedNow = new Set<number>();
  const seen = new Set<string>();
  for (const [index, port] of portsOf(service).entries()) {
    const requested = port.nodePort ?? 0;
    if (requested === 0 && !allocate) continue;
    if (requested === 0) {
      const next = takeNext(pool, log);
      if (typeof next !== 'number') return next;
      port.nodePort = next;
    } else if (!oldPorts.includes(requested) && !reservedNow.has(requested)) {
      const failure = reserve(pool, requested, index, log);
      if (failure) return failure;
      reservedNow.add(requested);
    }
    const key = `${port.protocol ?? 'TCP'} ${port.nodePort ?? 0}`;
    if (seen.has(key)) return internalFailure(duplicateNodePortMessage(port.protocol ?? 'TCP', port.nodePort ?? 0));
    seen.add(key);
  }
  const kept = collectNodePorts(service);
  for (const port of oldPorts) if (!kept.includes(port)) log.releaseOnCommit(() => pool.release(port));
  return undefined;
}

/** The nodePort side of any update, type changes included. */
export function updateServiceNodePorts(
  pool: NodePortAllocator,
  service: Service,
  old: Service,
  log: AllocationLog,
): AllocationFailure | undefined {
  const type = serviceType(service);
  if (isNodePortType(old) && (type === ServiceType.ClusterIP || type === ServiceType.ExternalName)) {
    for (const port of collectNodePorts(old)) log.releaseOnCommit(() => pool.release(port));
    // The Service no longer owns these ports, so it must not keep naming them.
    for (const port of portsOf(service)) delete port.nodePort;
  }
  if (isNodePortType(service)) {
    const failure = updateNodePorts(pool, service, old, log);
    if (failure) return failure;
  }
  return updateHealthCheckNodePort(pool, service, old, log);
}

/** Create: LoadBalancer + Local gets a healthCheckNodePort, the requested one or any. */
export function allocateHealthCheckNodePort(
  pool: NodePortAllocator,
  service: Service,
  log: AllocationLog,
): AllocationFailure | undefined {
  const spec = (service.spec ??= {});
  const requested = spec.healthCheckNodePort ?? 0;
  if (requested !== 0) {
    const error = pool.allocate(requested);
    if (error) return internalFailure(requestedHealthCheckPortMessage(requested, error.message));
    log.allocated(() => pool.release(requested));
    return undefined;
  }
  const result = pool.allocateNext();
  if (!result.ok) return internalFailure(healthCheckPortExhaustedMessage(result.error.message));
  log.allocated(() => pool.release(result.value));
  spec.healthCheckNodePort = result.value;
  return undefined;
}

/** Update: becoming LoadBalancer + Local allocates one; ceasing to be releases it on commit and clears the field. */
function updateHealthCheckNodePort(
  pool: NodePortAllocator,
  service: Service,
  old: Service,
  log: AllocationLog,
): AllocationFailure | undefined {
  const needed = needsHealthCheck(old);
  const needs = needsHealthCheck(service);
  if (!needed && needs) return allocateHealthCheckNodePort(pool, service, log);
  if (needed && !needs) {
    const oldPort = specOf(old).healthCheckNodePort ?? 0;
    log.releaseOnCommit(() => pool.release(oldPort));
    delete (service.spec ??= {}).healthCheckNodePort;
  }
  return undefined;
}
