/**
 * Fixtures for the allocator tests: Services in a line, seeded allocators, and allocator state to compare.
 */
import type { Service, ServicePort, ServiceSpec } from 'kubernetes-types/core/v1.d.ts';
import { fieldErrorString } from '../api/field-errors.ts';
import { ClusterIPAllocator } from './cluster-ip-allocator.ts';
import { NodePortAllocator } from './node-port-allocator.ts';
import type { PortRange } from './port-range.ts';
import { seededRandom } from './random.ts';
import type { RangeSnapshot } from './range-allocator.ts';
import {
  serviceAllocators,
  type AllocationFailure,
  type AllocationOutcome,
  type ServiceAllocators,
} from './service-allocators.ts';
import type { AllocationTransaction } from './transaction.ts';

/** A Service `default/<name>` with the given spec. */
export function makeService(name: string, spec: ServiceSpec): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'default', name }, spec };
}

/** A TCP port (or another protocol) with an optional requested nodePort. */
export function port(number: number, nodePort?: number, protocol = 'TCP'): ServicePort {
  return { port: number, protocol, targetPort: number, ...(nodePort === undefined ? {} : { nodePort }) };
}

/** Seeded allocators: 30000-32767 and 10.96.0.0/12 unless told otherwise. */
export function makeAllocators(
  options: { readonly ports?: PortRange; readonly cidrs?: readonly string[]; readonly seed?: number } = {},
): ServiceAllocators {
  const random = seededRandom(options.seed ?? 1);
  const pools = (options.cidrs ?? ['10.96.0.0/12']).map((cidr) => new ClusterIPAllocator(cidr, { random }));
  return serviceAllocators(new NodePortAllocator(options.ports, { random }), ...pools);
}

/** Everything the allocators hold, comparable with deepEqual. */
export function stateOf(allocators: ServiceAllocators): RangeSnapshot[] {
  return [allocators.nodePorts.snapshot(), ...allocators.clusterIPs.map((pool) => pool.snapshot())];
}

/** The Service and transaction of a successful outcome; fails the test otherwise. */
export function expectSuccess(outcome: AllocationOutcome): { service: Service; transaction: AllocationTransaction } {
  if (!outcome.ok) throw new Error(`expected success, got ${describeFailure(outcome.failure)}`);
  return outcome;
}

/** The failure of an outcome; fails the test on success. */
export function expectFailure(outcome: AllocationOutcome): AllocationFailure {
  if (outcome.ok) throw new Error('expected failure, got success');
  return outcome.failure;
}

/** A failure as one line: field errors as apimachinery prints them, or `InternalError: message`. */
export function describeFailure(failure: AllocationFailure): string {
  return failure.kind === 'Invalid'
    ? failure.errors.map(fieldErrorString).join('; ')
    : `InternalError: ${failure.message}`;
}

/** The spec of a Service (asserting it has one). */
export function specOf(service: Service): ServiceSpec {
  if (!service.spec) throw new Error('service without spec');
  return service.spec;
}
