/**
 * What may not change on a Service update: the primary cluster IP and IP family (upgrades to and
 * downgrades from dual-stack aside), and the healthCheckNodePort of a LoadBalancer with Local policy.
 */
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { type FieldError, forbidden, invalid } from '../field-errors.ts';
import { goPointer, goStringSliceOrNil, goTypedStringSlice } from '../go-format.ts';
import { fieldImmutableErrorMsg } from '../validation/messages.ts';
import { GO_IP_FAMILY_SLICE, IPFamilyPolicy, ServiceType } from './constants.ts';
import { isHeadless, needsHealthCheck } from './predicates.ts';

const MAY_NOT_CHANGE = 'may not change once set';
const CLUSTER_IPS_0 = 'spec.clusterIPs[0]';
const IP_FAMILIES_0 = 'spec.ipFamilies[0]';

const involvesExternalName = (a: Service, b: Service): boolean =>
  a.spec?.type === ServiceType.ExternalName || b.spec?.type === ServiceType.ExternalName;

function singleStackRequired(svc: Service, what: string): FieldError[] {
  const policy = svc.spec?.ipFamilyPolicy;
  if (policy === IPFamilyPolicy.SingleStack) return [];
  return [
    invalid(
      'spec.ipFamilyPolicy',
      goPointer(policy),
      `must be set to 'SingleStack' when releasing the secondary ${what}`,
    ),
  ];
}

/** Cluster IPs may be added or the secondary removed, but the primary never changes (`[]string{...}` in errors). */
export function validateUpgradeDowngradeClusterIPs(oldSvc: Service, svc: Service): FieldError[] {
  if (involvesExternalName(oldSvc, svc) || (isHeadless(oldSvc) && isHeadless(svc))) return [];
  const oldIPs = oldSvc.spec?.clusterIPs ?? [];
  const newIPs = svc.spec?.clusterIPs ?? [];
  const shown = goStringSliceOrNil(svc.spec?.clusterIPs);
  const errors: FieldError[] = [];
  if (oldIPs.length === newIPs.length) {
    oldIPs.forEach((ip, i) => {
      if (ip !== newIPs[i]) errors.push(invalid(`spec.clusterIPs[${i}]`, shown, MAY_NOT_CHANGE));
    });
  } else if (oldIPs.length > newIPs.length) {
    if (newIPs.length === 0) errors.push(invalid(CLUSTER_IPS_0, shown, 'primary clusterIP can not be unset'));
    if (oldIPs.length > 0 && newIPs.length > 0 && newIPs[0] !== oldIPs[0])
      errors.push(invalid(CLUSTER_IPS_0, shown, MAY_NOT_CHANGE));
    if (newIPs.length === 1) errors.push(...singleStackRequired(svc, 'clusterIP'));
  } else if (oldIPs.length > 0 && newIPs[0] !== oldIPs[0]) {
    errors.push(invalid(CLUSTER_IPS_0, shown, MAY_NOT_CHANGE));
  }
  return errors;
}

/** The primary IP family never changes; headless Services (and changes to/from headless) are exempt. */
export function validateUpgradeDowngradeIPFamilies(oldSvc: Service, svc: Service): FieldError[] {
  if (involvesExternalName(oldSvc, svc) || isHeadless(oldSvc) || isHeadless(svc)) return [];
  const oldFamilies = oldSvc.spec?.ipFamilies ?? [];
  const families = svc.spec?.ipFamilies ?? [];
  // Upstream shows the families in some messages and the clusterIPs in others; both kept as they are.
  const shownFamilies = goTypedStringSlice(GO_IP_FAMILY_SLICE, svc.spec?.ipFamilies);
  const shownIPs = goStringSliceOrNil(svc.spec?.clusterIPs);
  const errors: FieldError[] = [];
  if (oldFamilies.length === families.length) {
    oldFamilies.forEach((family, i) => {
      if (family !== families[i]) errors.push(invalid(IP_FAMILIES_0, shownFamilies, MAY_NOT_CHANGE));
    });
  } else if (oldFamilies.length > families.length) {
    if ((svc.spec?.clusterIPs ?? []).length === 0) {
      errors.push(invalid(IP_FAMILIES_0, shownFamilies, 'primary ipFamily can not be unset'));
    }
    if (families.length > 0 && families[0] !== oldFamilies[0])
      errors.push(invalid(IP_FAMILIES_0, shownIPs, MAY_NOT_CHANGE));
    if (families.length === 1) errors.push(...singleStackRequired(svc, 'ipFamily'));
  } else if (oldFamilies.length > 0 && families.length > 0 && families[0] !== oldFamilies[0]) {
    errors.push(invalid(IP_FAMILIES_0, shownIPs, MAY_NOT_CHANGE));
  }
  return errors;
}

/** While a LoadBalancer stays Local, its healthCheckNodePort is fixed. */
export function validateHealthCheckNodePortUpdate(oldSvc: Service, svc: Service): FieldError[] {
  if (!needsHealthCheck(oldSvc) || !needsHealthCheck(svc)) return [];
  const same = (oldSvc.spec?.healthCheckNodePort ?? 0) === (svc.spec?.healthCheckNodePort ?? 0);
  return same ? [] : [forbidden('spec.healthCheckNodePort', fieldImmutableErrorMsg)];
}
