/**
 * coordination.k8s.io/v1 Leases (upstream `pkg/apis/coordination/validation`, v1.34). The times are also checked
 * to be RFC 3339 (kube-apiserver's decoder refuses others; the node lifecycle controller reads `renewTime`).
 */
import type { Lease } from 'kubernetes-types/coordination/v1.d.ts';
import { type FieldError, forbidden, invalid, notSupported } from '../field-errors.ts';
import { validateQualifiedName } from './common.ts';
import { nameIsDNSSubdomain } from './names.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.ts';
import { checkShape, objectMetaShape, objectShape, type Shape } from './shape.ts';

/** The JSON shape of the fields a Lease's rules read. */
export const leaseShape: Shape = objectShape({
  metadata: objectMetaShape,
  spec: objectShape({
    holderIdentity: 'string',
    leaseDurationSeconds: 'int32',
    acquireTime: 'string',
    renewTime: 'string',
    leaseTransitions: 'int32',
    strategy: 'string',
    preferredHolder: 'string',
  }),
});

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const VALID_STRATEGIES = ['OldestEmulationVersion'];

function validateStrategy(strategy: string): FieldError[] {
  const path = 'spec.strategy.strategy';
  if (!strategy.includes('/'))
    return VALID_STRATEGIES.includes(strategy) ? [] : [notSupported(path, strategy, VALID_STRATEGIES)];
  return validateQualifiedName(strategy, path);
}

/** The v1 spec, with the coordinated-election fields newer than the bundled types. */
type LeaseSpec = NonNullable<Lease['spec']> & { strategy?: string; preferredHolder?: string };

function validateLeaseSpec(lease: Lease): FieldError[] {
  const spec: LeaseSpec = lease.spec ?? {};
  const errors: FieldError[] = [];
  if (spec.leaseDurationSeconds !== undefined && spec.leaseDurationSeconds <= 0) {
    errors.push(invalid('spec.leaseDurationSeconds', spec.leaseDurationSeconds, 'must be greater than 0'));
  }
  if (spec.leaseTransitions !== undefined && spec.leaseTransitions < 0) {
    errors.push(invalid('spec.leaseTransitions', spec.leaseTransitions, 'must be greater than or equal to 0'));
  }
  if (spec.strategy !== undefined) errors.push(...validateStrategy(spec.strategy));
  if ((spec.preferredHolder ?? '') !== '' && (spec.strategy ?? '') === '') {
    errors.push(forbidden('spec.preferredHolder', 'may only be specified if `strategy` is defined'));
  }
  for (const field of ['acquireTime', 'renewTime'] as const) {
    const time = spec[field];
    if (time !== undefined && (!RFC3339.test(time) || Number.isNaN(Date.parse(time)))) {
      errors.push(invalid(`spec.${field}`, time, 'must be an RFC 3339 date-time'));
    }
  }
  return errors;
}

/** ValidateLease (create) or ValidateLeaseUpdate (when `old` is given). */
export function validateLease(object: unknown, old?: unknown): FieldError[] {
  const shapeErrors = checkShape(object, leaseShape);
  if (shapeErrors.length > 0) return shapeErrors;
  const lease = (object ?? {}) as Lease;
  const meta =
    old === undefined
      ? validateObjectMeta(lease.metadata, true, nameIsDNSSubdomain)
      : validateObjectMetaUpdate(lease.metadata, (old as Lease | undefined)?.metadata);
  return [...meta, ...validateLeaseSpec(lease)];
}
