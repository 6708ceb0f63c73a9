/**
 * Creating a Service as kube-apiserver's registry does: default, allocate (the `BeginCreate` hook runs before the
 * strategy), prepare, validate; a validation failure hands back everything allocated. Shared by `portico validate`
 * and the API server, so both answer with the same errors.
 */
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { withoutNulls } from '../../api/json.ts';
import { prepareServiceForCreate, defaultService } from '../../api/service/defaults.ts';
import { validateService } from '../../api/service/validation.ts';
import { internalError, invalidStatus, type Status } from '../../api/status.ts';
import { allocateServiceCreate } from '../../allocator/service-allocation.ts';
import type { AllocationFailure, ServiceAllocators } from '../../allocator/service-allocators.ts';
import type { AllocationTransaction } from '../../allocator/transaction.ts';

/** An admitted Service and the allocation to commit once it is stored, or the `Status` the server answers with. */
export type ServiceCreateResult =
  | { readonly ok: true; readonly service: Service; readonly transaction: AllocationTransaction }
  | { readonly ok: false; readonly status: Status };

const serviceKind = { kind: 'Service' };

/** A failed allocation as the server answers it: 422 Invalid for field errors, 500 for an exhausted pool. */
export function allocationFailureStatus(name: string, failure: AllocationFailure): Status {
  return failure.kind === 'Invalid' ? invalidStatus(serviceKind, name, failure.errors) : internalError(failure.message);
}

/** Runs a create request for `input` (as decoded from the request body) against the allocators. */
export function admitServiceCreate(allocators: ServiceAllocators, input: Service): ServiceCreateResult {
  const name = input.metadata?.name ?? '';
  const defaulted = defaultService(withoutNulls(input));
  const outcome = allocateServiceCreate(allocators, defaulted);
  if (!outcome.ok) return { ok: false, status: allocationFailureStatus(name, outcome.failure) };
  const prepared = prepareServiceForCreate(outcome.service);
  const errors = validateService(prepared);
  if (errors.length > 0) {
    outcome.transaction.revert();
    return { ok: false, status: invalidStatus(serviceKind, name, errors) };
  }
  return { ok: true, service: prepared, transaction: outcome.transaction };
}
