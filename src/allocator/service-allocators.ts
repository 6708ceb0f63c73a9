/**
 * The allocators a cluster's Service registry works with, and what a Service operation returns.
 */
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import type { FieldError } from '../api/field-errors.ts';
import type { IPFamily } from '../net/index.ts';
import type { ClusterIPAllocator } from './cluster-ip-allocator.ts';
import type { NodePortAllocator } from './node-port-allocator.ts';
import type { AllocationTransaction } from './transaction.ts';

/** One nodePort pool and one ClusterIP pool per configured family, the primary (default) family first. */
export interface ServiceAllocators {
  readonly nodePorts: NodePortAllocator;
  readonly clusterIPs: readonly ClusterIPAllocator[];
}

/**
 * Why a Service operation failed: field errors (422 Invalid, e.g. a requested port that is taken) or an
 * internal error (500, e.g. `failed to allocate a nodePort: range is full`).
 */
export type AllocationFailure =
  | { readonly kind: 'Invalid'; readonly errors: readonly FieldError[] }
  | { readonly kind: 'InternalError'; readonly message: string };

/**
 * The result of an operation. On success the Service carries what was allocated, and the transaction
 * must be committed once the Service is stored (or reverted if storing fails). On failure the
 * allocators are exactly as they were.
 */
export type AllocationOutcome =
  | { readonly ok: true; readonly service: Service; readonly transaction: AllocationTransaction }
  | { readonly ok: false; readonly failure: AllocationFailure };

/**
 * Bundles allocators, checking that no family appears twice.
 * @example serviceAllocators(new NodePortAllocator(), new ClusterIPAllocator('10.96.0.0/12'))
 */
export function serviceAllocators(
  nodePorts: NodePortAllocator,
  ...clusterIPs: ClusterIPAllocator[]
): ServiceAllocators {
  const families = new Set(clusterIPs.map((pool) => pool.family));
  if (clusterIPs.length === 0 || clusterIPs.length > 2 || families.size !== clusterIPs.length) {
    throw new Error('need one or two ClusterIP allocators of different families');
  }
  return { nodePorts, clusterIPs };
}

/** The pool for a family, if the cluster has one (none for `undefined`, the family of a non-address). */
export function ipAllocatorFor(
  allocators: ServiceAllocators,
  family: string | undefined,
): ClusterIPAllocator | undefined {
  return allocators.clusterIPs.find((pool) => pool.family === family);
}

/** The configured families, primary first. */
export function configuredFamilies(allocators: ServiceAllocators): IPFamily[] {
  return allocators.clusterIPs.map((pool) => pool.family);
}

/** An Invalid failure. */
export function invalidFailure(...errors: FieldError[]): AllocationFailure {
  return { kind: 'Invalid', errors };
}

/** An InternalError failure. */
export function internalFailure(message: string): AllocationFailure {
  return { kind: 'InternalError', message };
}
