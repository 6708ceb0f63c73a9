/**
 * ipFamilyPolicy and ipFamilies before ClusterIPs are allocated (upstream's `initIPFamilyFields`):
 * fills in the policy and families a Service left out, and rejects combinations the cluster cannot serve.
 * Assumes the Service passed validation; works on the caller's private copy.
 */
import type { Service, ServiceSpec } from 'kubernetes-types/core/v1.d.ts';
import { goStringSlice, invalid, type FieldError } from '../api/field-errors.ts';
import {
  clusterIPFamilyNotConfigured,
  FAMILY_NOT_CONFIGURED,
  NOT_DUAL_STACK_CLUSTER,
  RELEASE_SECONDARY_FAMILY,
  RELEASE_SECONDARY_IP,
  SINGLE_STACK_TWO_FAMILIES,
  SINGLE_STACK_TWO_IPS,
} from './allocation-messages.ts';
import { familyOf, type IPFamily } from './ip-address.ts';
import { CLUSTER_IP_NONE, IPFamilyPolicy, serviceType, ServiceType, specOf } from './service-fields.ts';

const POLICY_FIELD = 'spec.ipFamilyPolicy';

/** The other family. */
function otherFamily(family: string): IPFamily {
  return family === 'IPv4' ? 'IPv6' : 'IPv4';
}

/** Headless without a selector: the one case allowed to name families the cluster lacks. */
function isHeadlessWithoutSelector(spec: ServiceSpec): boolean {
  return spec.clusterIP === CLUSTER_IP_NONE && Object.keys(spec.selector ?? {}).length === 0;
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const left = a ?? [];
  const right = b ?? [];
  return left.length === right.length && left.every((value, index) => value === right[index]);
}

/** True when both are PreferDualStack Services of the same ClusterIP-bearing type with the same IPs and families. */
export function isUnchangedPreferDualStack(service: Service, old: Service | undefined): boolean {
  if (old === undefined) return false;
  const spec = specOf(service);
  const oldSpec = specOf(old);
  const type = serviceType(service);
  if (spec.ipFamilyPolicy === undefined || type !== serviceType(old) || type === ServiceType.ExternalName) return false;
  if (spec.ipFamilyPolicy !== IPFamilyPolicy.PreferDualStack) return false;
  if (oldSpec.ipFamilyPolicy !== undefined && oldSpec.ipFamilyPolicy !== IPFamilyPolicy.PreferDualStack) return false;
  return sameList(oldSpec.clusterIPs, spec.clusterIPs) && sameList(oldSpec.ipFamilies, spec.ipFamilies);
}

/**
 * Defaults and checks `spec.ipFamilyPolicy` and `spec.ipFamilies` of `service` (mutated) against the
 * configured families (primary first). Returns the field errors, empty when all is well.
 */
export function initIPFamilyFields(
  service: Service,
  old: Service | undefined,
  families: readonly IPFamily[],
): FieldError[] {
  const spec = (service.spec ??= {});
  if (serviceType(service) === ServiceType.ExternalName || isUnchangedPreferDualStack(service, old)) return [];
  spec.ipFamilyPolicy ??= defaultPolicy(spec, old);
  const errors = [...prepareUpdate(spec, old), ...checkSingleStack(spec), ...inferFamilies(spec, families)];
  if (errors.length > 0) return errors;

  const primary = families[0] ?? 'IPv4';
  if (isHeadlessWithoutSelector(spec)) {
    spec.ipFamilies ??= [];
    if (spec.ipFamilies.length === 0) spec.ipFamilies.push(primary);
    const first = spec.ipFamilies[0] ?? primary;
    if (spec.ipFamilies.length < 2 && spec.ipFamilyPolicy !== IPFamilyPolicy.SingleStack) {
      spec.ipFamilies.push(otherFamily(first));
    }
    return [];
  }

  const unservable = checkFamiliesConfigured(spec, families);
  if (unservable.length > 0) return unservable;
  if ((spec.ipFamilies ?? []).length === 0) spec.ipFamilies = [primary];
  const chosen = spec.ipFamilies ?? [];
  if (spec.ipFamilyPolicy !== IPFamilyPolicy.SingleStack && chosen.length === 1 && families.length === 2) {
    chosen.push(otherFamily(chosen[0] ?? primary));
  }
  return [];
}

/** Old policy on update; RequireDualStack for headless without selector; else SingleStack. */
function defaultPolicy(spec: ServiceSpec, old: Service | undefined): string {
  const oldPolicy = old === undefined ? undefined : specOf(old).ipFamilyPolicy;
  if (oldPolicy !== undefined) return oldPolicy;
  return isHeadlessWithoutSelector(spec) ? IPFamilyPolicy.RequireDualStack : IPFamilyPolicy.SingleStack;
}

/** On update, SingleStack with unchanged lists drops the secondary; any other policy may not drop it. */
function prepareUpdate(spec: ServiceSpec, old: Service | undefined): FieldError[] {
  if (old === undefined) return [];
  const oldSpec = specOf(old);
  const policy = spec.ipFamilyPolicy ?? '';
  if (policy === IPFamilyPolicy.SingleStack) {
    // With the lists untouched, SingleStack is the clear intent to drop the secondary family.
    if (sameList(oldSpec.clusterIPs, spec.clusterIPs) && spec.clusterIPs && spec.clusterIPs.length > 1) {
      spec.clusterIPs = spec.clusterIPs.slice(0, 1);
    }
    if (sameList(oldSpec.ipFamilies, spec.ipFamilies) && spec.ipFamilies && spec.ipFamilies.length > 1) {
      spec.ipFamilies = spec.ipFamilies.slice(0, 1);
    }
    return [];
  }
  const errors: FieldError[] = [];
  if (isReduced(spec.clusterIPs, oldSpec.clusterIPs)) errors.push(invalid(POLICY_FIELD, policy, RELEASE_SECONDARY_IP));
  if (isReduced(spec.ipFamilies, oldSpec.ipFamilies)) {
    errors.push(invalid(POLICY_FIELD, policy, RELEASE_SECONDARY_FAMILY));
  }
  return errors;
}

function isReduced(now: readonly string[] | undefined, before: readonly string[] | undefined): boolean {
  const length = (now ?? []).length;
  return length > 0 && length < (before ?? []).length;
}

function checkSingleStack(spec: ServiceSpec): FieldError[] {
  if (spec.ipFamilyPolicy !== IPFamilyPolicy.SingleStack) return [];
  const errors: FieldError[] = [];
  if ((spec.clusterIPs ?? []).length === 2) {
    errors.push(invalid(POLICY_FIELD, spec.ipFamilyPolicy, SINGLE_STACK_TWO_IPS));
  }
  if ((spec.ipFamilies ?? []).length === 2) {
    errors.push(invalid(POLICY_FIELD, spec.ipFamilyPolicy, SINGLE_STACK_TWO_FAMILIES));
  }
  return errors;
}

/** Families follow the ClusterIPs the user named; a ClusterIP of an unconfigured family is an error. */
function inferFamilies(spec: ServiceSpec, families: readonly IPFamily[]): FieldError[] {
  const errors: FieldError[] = [];
  const clusterIPs = spec.clusterIPs ?? [];
  for (const [index, ip] of clusterIPs.entries()) {
    if (ip === CLUSTER_IP_NONE) break;
    const family = familyOf(ip);
    if (index < (spec.ipFamilies ?? []).length) continue;
    if (family === 'unknown' || !families.includes(family)) {
      const detail = clusterIPFamilyNotConfigured(family);
      errors.push(invalid(`spec.clusterIPs[${index}]`, goStringSlice(clusterIPs), detail));
    } else {
      (spec.ipFamilies ??= []).push(family);
    }
  }
  return errors;
}

/** RequireDualStack needs two families; every named family needs a pool. */
function checkFamiliesConfigured(spec: ServiceSpec, families: readonly IPFamily[]): FieldError[] {
  const errors: FieldError[] = [];
  if (spec.ipFamilyPolicy === IPFamilyPolicy.RequireDualStack && families.length < 2) {
    errors.push(invalid(POLICY_FIELD, spec.ipFamilyPolicy, NOT_DUAL_STACK_CLUSTER));
  }
  for (const [index, family] of (spec.ipFamilies ?? []).entries()) {
    if (!(families as readonly string[]).includes(family)) {
      errors.push(invalid(`spec.ipFamilies[${index}]`, family, FAMILY_NOT_CONFIGURED));
    }
  }
  return errors;
}
