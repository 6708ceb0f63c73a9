/**
 * Updating a Service as kube-apiserver's registry does (its `BeginUpdate` hook runs before the strategy): fill in
 * what the client left out (allocated values), keep clusterIP and clusterIPs in step, allocate or release for type
 * changes, then prepare (status kept, type-dependent fields dropped) and validate; a validation failure hands back
 * everything allocated.
 */
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { withoutNulls } from '../../api/json.ts';
import { normalizeClusterIPs } from '../../api/service/cluster-ips.ts';
import { defaultService, prepareServiceForUpdate } from '../../api/service/defaults.ts';
import { patchAllocatedValues } from '../../api/service/update.ts';
import { validateServiceUpdate } from '../../api/service/validation.ts';
import { invalidStatus } from '../../api/status.ts';
import { allocateServiceUpdate } from '../../allocator/service-allocation.ts';
import type { ServiceAllocators } from '../../allocator/service-allocators.ts';
import { allocationFailureStatus, type ServiceCreateResult } from './service-create.ts';

const serviceKind = { kind: 'Service' };

/** Runs an update of `old` to `input` against the allocators; the result is what to store, or the Status. */
export function admitServiceUpdate(allocators: ServiceAllocators, input: Service, old: Service): ServiceCreateResult {
  const name = input.metadata?.name ?? '';
  const filledIn = normalizeClusterIPs(patchAllocatedValues(defaultService(withoutNulls(input)), old), old);
  const outcome = allocateServiceUpdate(allocators, old, filledIn);
  if (!outcome.ok) return { ok: false, status: allocationFailureStatus(name, outcome.failure) };
  const prepared = prepareServiceForUpdate(outcome.service, old);
  const errors = validateServiceUpdate(prepared, old);
  if (errors.length > 0) {
    outcome.transaction.revert();
    return { ok: false, status: invalidStatus(serviceKind, name, errors) };
  }
  return { ok: true, service: prepared, transaction: outcome.transaction };
}
