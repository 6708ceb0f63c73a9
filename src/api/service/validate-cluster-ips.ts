/**
 * clusterIP / clusterIPs / ipFamilies / ipFamilyPolicy consistency
 * (ValidateServiceClusterIPsRelatedFields). Also run by initIPFamilyFields before allocation.
 */
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { ipFamilyOf, type ParseIPOptions } from '../../net/index.ts';
import { duplicate, type FieldError, invalid, notSupported, required } from '../field-errors.ts';
import { goStringSliceOrNil } from '../go-format.ts';
import { validateIP } from '../validation/ip.ts';
import {
  CLUSTER_IP_NONE,
  IPFamily,
  ServiceType,
  SUPPORTED_IP_FAMILIES,
  SUPPORTED_IP_FAMILY_POLICIES,
} from './constants.ts';
import { isHeadless } from './predicates.ts';

const CLUSTER_IPS = 'spec.clusterIPs';
/** API fields are read sloppily, and `::ffff:a.b.c.d` counts as IPv4, as Go's net.IP sees it. */
const API_IP: ParseIPOptions = { sloppy: true, unmap: true };

function validateClusterIPSync(clusterIP: string, clusterIPs: readonly string[] | undefined): FieldError[] {
  const ips = clusterIPs ?? [];
  if (clusterIP !== '') {
    if (ips.length === 0) return [required(CLUSTER_IPS)];
    if (ips[0] !== clusterIP)
      return [invalid(CLUSTER_IPS, goStringSliceOrNil(clusterIPs), 'first value must match `clusterIP`')];
    return [];
  }
  return ips.length === 0
    ? []
    : [invalid(CLUSTER_IPS, goStringSliceOrNil(clusterIPs), 'must be empty when `clusterIP` is not specified')];
}

function validateFamiliesAndPolicy(svc: Service): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  (svc.spec?.ipFamilies ?? []).forEach((family, i) => {
    const path = `spec.ipFamilies[${i}]`;
    if (!SUPPORTED_IP_FAMILIES.includes(family)) errors.push(notSupported(path, family, SUPPORTED_IP_FAMILIES));
    if (seen.has(family)) errors.push(duplicate(path, family));
    seen.add(family);
  });
  const policy = svc.spec?.ipFamilyPolicy;
  if (policy !== undefined && !SUPPORTED_IP_FAMILY_POLICIES.includes(policy)) {
    errors.push(notSupported('spec.ipFamilyPolicy', policy, SUPPORTED_IP_FAMILY_POLICIES));
  }
  return errors;
}

/** Each clusterIP is an IP, except a lone leading "None"; at most two. Returns the errors found. */
function validateClusterIPValues(ips: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  ips.forEach((ip, i) => {
    if (i === 0 && ip === CLUSTER_IP_NONE) {
      if (ips.length > 1)
        errors.push(invalid(CLUSTER_IPS, goStringSliceOrNil(ips), "'None' must be the first and only value"));
      return;
    }
    errors.push(...validateIP(`${CLUSTER_IPS}[${i}]`, ip));
  });
  return errors;
}

function validateFamilyMatch(svc: Service, ips: readonly string[]): FieldError[] {
  const families = svc.spec?.ipFamilies ?? [];
  if (isHeadless(svc) || ips.length === 0 || families.length === 0) return [];
  const errors: FieldError[] = [];
  ips.slice(0, families.length).forEach((ip, i) => {
    const isV6 = ipFamilyOf(ip, API_IP) === IPFamily.IPv6;
    if (families[i] === IPFamily.IPv4 && isV6) {
      errors.push(invalid(`${CLUSTER_IPS}[${i}]`, ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
    }
    if (families[i] === IPFamily.IPv6 && !isV6) {
      errors.push(invalid(`${CLUSTER_IPS}[${i}]`, ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    }
  });
  return errors;
}

/** Validates clusterIP(s), ipFamilies and ipFamilyPolicy together (nothing for ExternalName). */
export function validateClusterIPsRelatedFields(svc: Service): FieldError[] {
  if (svc.spec?.type === ServiceType.ExternalName) return [];
  const clusterIPs = svc.spec?.clusterIPs;
  const ips = clusterIPs ?? [];
  const errors = validateClusterIPSync(svc.spec?.clusterIP ?? '', clusterIPs);
  errors.push(...validateFamiliesAndPolicy(svc));
  const valueErrors = validateClusterIPValues(ips);
  errors.push(...valueErrors);
  if (ips.length > 2) errors.push(invalid(CLUSTER_IPS, goStringSliceOrNil(ips), 'may only hold up to 2 values'));
  // Bad IPs would make the family checks below misleading, so upstream stops here.
  if (valueErrors.length > 0) return errors;
  if (ips.length > 1) {
    const families = new Set(ips.map((ip) => ipFamilyOf(ip, API_IP)));
    if (families.size < 2) {
      errors.push(invalid(CLUSTER_IPS, goStringSliceOrNil(ips), 'may specify no more than one IP for each IP family'));
    }
  }
  errors.push(...validateFamilyMatch(svc, ips));
  return errors;
}
