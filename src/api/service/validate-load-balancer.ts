/** LoadBalancer-only fields: source ranges (field or annotation), node-port allocation, class. */
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { type FieldError, forbidden, invalid, required } from '../field-errors.ts';
import { goPointer } from '../go-format.ts';
import { validateCIDR } from '../validation/ip.ts';
import { isQualifiedName } from '../validation/names.ts';
import { ANNOTATION_LB_SOURCE_RANGES } from './constants.ts';
import { isLoadBalancer } from './predicates.ts';

const LB_ONLY = "may only be used when `type` is 'LoadBalancer'";

/**
 * loadBalancerSourceRanges (or the older annotation) only for LoadBalancer, each a CIDR. The
 * field path's capital L is upstream's.
 */
export function validateLoadBalancerSourceRanges(svc: Service): FieldError[] {
  const ranges = svc.spec?.loadBalancerSourceRanges ?? [];
  const errors: FieldError[] = [];
  if (ranges.length > 0) {
    const path = 'spec.LoadBalancerSourceRanges';
    if (!isLoadBalancer(svc)) errors.push(forbidden(path, LB_ONLY));
    // Values may be space-padded, a leftover from the annotation days.
    ranges.forEach((value, i) => errors.push(...validateCIDR(`${path}[${i}]`, value.trim())));
    return errors;
  }
  const annotation = svc.metadata?.annotations?.[ANNOTATION_LB_SOURCE_RANGES];
  if (annotation === undefined) return errors;
  const path = `metadata.annotations[${ANNOTATION_LB_SOURCE_RANGES}]`;
  if (!isLoadBalancer(svc)) errors.push(forbidden(path, LB_ONLY));
  const value = annotation.trim();
  if (value !== '') for (const cidr of value.split(',')) errors.push(...validateCIDR(path, cidr.trim()));
  return errors;
}

/** allocateLoadBalancerNodePorts: only for LoadBalancer, and required there (its path lacks `spec.`, as upstream's does). */
export function validateAllocateLoadBalancerNodePorts(svc: Service): FieldError[] {
  const allocate = svc.spec?.allocateLoadBalancerNodePorts;
  if (allocate !== undefined && !isLoadBalancer(svc)) return [forbidden('spec.allocateLoadBalancerNodePorts', LB_ONLY)];
  if (allocate === undefined && isLoadBalancer(svc)) return [required('allocateLoadBalancerNodePorts')];
  return [];
}

/** loadBalancerClass: immutable between LoadBalancers, a qualified name, only for LoadBalancer. */
export function validateLoadBalancerClass(svc: Service, oldSvc?: Service): FieldError[] {
  const path = 'spec.loadBalancerClass';
  const value = svc.spec?.loadBalancerClass;
  const errors: FieldError[] = [];
  if (
    oldSvc !== undefined &&
    isLoadBalancer(oldSvc) &&
    isLoadBalancer(svc) &&
    oldSvc.spec?.loadBalancerClass !== value
  ) {
    errors.push(invalid(path, goPointer(value), 'may not change once set'));
  }
  if (value === undefined) return errors;
  if (isLoadBalancer(svc)) errors.push(...isQualifiedName(value).map((msg) => invalid(path, value, msg)));
  else errors.push(forbidden(path, LB_ONLY));
  return errors;
}
