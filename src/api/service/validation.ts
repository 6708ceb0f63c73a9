/**
 * ValidateService and ValidateServiceUpdate: every rule of upstream's Service validation, in
 * upstream's order, as field errors. Allocation outcomes ("already allocated") are not checked here.
 */
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { type FieldError, invalid, required } from '../field-errors.ts';
import { validateLabels } from '../labels/validate.ts';
import { nameIsDNS1035Label } from '../validation/names.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from '../validation/object-meta.ts';
import { ANNOTATION_TOPOLOGY_AWARE_HINTS, ANNOTATION_TOPOLOGY_MODE, ServiceType } from './constants.ts';
import { isHeadless } from './predicates.ts';
import { validateClusterIPsRelatedFields } from './validate-cluster-ips.ts';
import {
  validateAllocateLoadBalancerNodePorts,
  validateLoadBalancerClass,
  validateLoadBalancerSourceRanges,
} from './validate-load-balancer.ts';
import {
  validateDuplicateNodePorts,
  validateDuplicatePorts,
  validateNoNodePortsForClusterIP,
  validateServicePorts,
} from './validate-ports.ts';
import {
  validateExternalIPs,
  validateExternalTrafficPolicy,
  validateInternalTrafficPolicy,
  validateSessionAffinity,
  validateTrafficDistribution,
} from './validate-traffic.ts';
import { validateTypeSpecificFields, validateServiceType } from './validate-type.ts';
import {
  validateHealthCheckNodePortUpdate,
  validateUpgradeDowngradeClusterIPs,
  validateUpgradeDowngradeIPFamilies,
} from './validate-update.ts';

export { validateClusterIPsRelatedFields } from './validate-cluster-ips.ts';

/** The deprecated and the current topology annotation must agree when both are set. */
function validateTopologyAnnotations(svc: Service): FieldError[] {
  const annotations = svc.metadata?.annotations ?? {};
  const mode = annotations[ANNOTATION_TOPOLOGY_MODE];
  const hints = annotations[ANNOTATION_TOPOLOGY_AWARE_HINTS];
  if (mode === undefined || hints === undefined || mode === hints) return [];
  const detail = `must match annotations[${ANNOTATION_TOPOLOGY_AWARE_HINTS}] when both are specified`;
  return [invalid(`metadata.annotations[${ANNOTATION_TOPOLOGY_MODE}]`, mode, detail)];
}

/** Ports are required unless the Service is headless or ExternalName. */
function validatePortsPresent(svc: Service): FieldError[] {
  const missing =
    (svc.spec?.ports ?? []).length === 0 && !isHeadless(svc) && svc.spec?.type !== ServiceType.ExternalName;
  return missing ? [required('spec.ports')] : [];
}

/** The selector, when present, is a valid label map. */
function validateSelector(svc: Service): FieldError[] {
  const selector = svc.spec?.selector;
  return selector === undefined ? [] : validateLabels(selector, 'spec.selector');
}

/** The checks of ValidateService, in the order upstream runs them. */
const SERVICE_RULES: readonly ((svc: Service) => FieldError[])[] = [
  (svc) => validateObjectMeta(svc.metadata, true, nameIsDNS1035Label),
  validateTopologyAnnotations,
  validatePortsPresent,
  validateTypeSpecificFields,
  validateServicePorts,
  validateSelector,
  validateSessionAffinity,
  validateClusterIPsRelatedFields,
  validateExternalIPs,
  validateServiceType,
  validateNoNodePortsForClusterIP,
  validateDuplicateNodePorts,
  validateDuplicatePorts,
  validateLoadBalancerSourceRanges,
  validateAllocateLoadBalancerNodePorts,
  (svc) => validateLoadBalancerClass(svc),
  validateExternalTrafficPolicy,
  validateInternalTrafficPolicy,
  validateTrafficDistribution,
];

/**
 * Validates a (defaulted) Service as kube-apiserver does on create; an empty list means valid.
 * @example fieldErrorString(validateService(svc)[0]) // 'spec.ports: Required value'
 */
export function validateService(svc: Service): FieldError[] {
  return SERVICE_RULES.flatMap((rule) => rule(svc));
}

/**
 * Validates an update: metadata immutability, clusterIP(s) and ipFamilies that may not change,
 * loadBalancerClass, healthCheckNodePort, then the whole object as on create.
 */
export function validateServiceUpdate(newSvc: Service, oldSvc: Service): FieldError[] {
  return [
    ...validateObjectMetaUpdate(newSvc.metadata, oldSvc.metadata),
    ...validateUpgradeDowngradeClusterIPs(oldSvc, newSvc),
    ...validateUpgradeDowngradeIPFamilies(oldSvc, newSvc),
    ...validateLoadBalancerClass(newSvc, oldSvc),
    ...validateHealthCheckNodePortUpdate(oldSvc, newSvc),
    ...validateService(newSvc),
  ];
}
