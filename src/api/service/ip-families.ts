/**
 * ipFamilyPolicy / ipFamilies defaulting and checks against the cluster's configured families
 * (storage/alloc.go `initIPFamilyFields`). Portico's default cluster is single-stack IPv4.
 */
import type { Service, ServiceSpec } from 'kubernetes-types/core/v1.d.ts';
import { ipFamilyOf } from '../../net/index.ts';
import { type FieldError, invalid } from '../field-errors.ts';
import { goPointer, goStringSliceOrNil } from '../go-format.ts';
import { sameClusterIPs, normalizeClusterIPs } from './cluster-ips.ts';
import { CLUSTER_IP_NONE, IPFamily, type IPFamilyName, IPFamilyPolicy, ServiceType } from './constants.ts';
import { sameStrings } from './predicates.ts';
import { validateClusterIPsRelatedFields } from './validate-cluster-ips.ts';

/** The result: the initialized Service, or the errors that stop allocation (reported as Invalid). */
export interface IPFamilyInitResult {
  readonly service: Service;
  readonly errors: readonly FieldError[];
}

/** The families the cluster allocates from, primary first (`--service-cluster-ip-range`). */
export const SINGLE_STACK_IPV4: readonly IPFamilyName[] = [IPFamily.IPv4];

const sameFamilies = (a: Service, b: Service): boolean => sameStrings(a.spec?.ipFamilies, b.spec?.ipFamilies);

const isPreferDual = (svc: Service): boolean => svc.spec?.ipFamilyPolicy === IPFamilyPolicy.PreferDualStack;

/** An unchanged PreferDualStack Service is left alone, so a cluster change never up/downgrades it. */
export function isMatchingPreferDualStack(svc: Service, old: Service | undefined): boolean {
  if (old === undefined || svc.spec?.ipFamilyPolicy === undefined || old.spec?.type !== svc.spec.type) return false;
  const type = svc.spec.type;
  if (type !== ServiceType.ClusterIP && type !== ServiceType.NodePort && type !== ServiceType.LoadBalancer)
    return false;
  if (!isPreferDual(svc) || (old.spec?.ipFamilyPolicy !== undefined && !isPreferDual(old))) return false;
  return sameClusterIPs(old, svc) && sameFamilies(old, svc);
}

const isHeadlessWithoutSelector = (spec: ServiceSpec): boolean =>
  spec.clusterIP === CLUSTER_IP_NONE && Object.keys(spec.selector ?? {}).length === 0;

/** Create: SingleStack (RequireDualStack for selectorless headless). Update: the old policy. */
function defaultPolicy(spec: ServiceSpec, old: Service | undefined): void {
  if (spec.ipFamilyPolicy !== undefined) return;
  if (old?.spec?.ipFamilyPolicy !== undefined) spec.ipFamilyPolicy = old.spec.ipFamilyPolicy;
  else if (isHeadlessWithoutSelector(spec)) spec.ipFamilyPolicy = IPFamilyPolicy.RequireDualStack;
  else spec.ipFamilyPolicy = IPFamilyPolicy.SingleStack;
}

/** On update, SingleStack trims unchanged dual-stack lists; other policies may not shrink them. */
function updatePrep(svc: Service, spec: ServiceSpec, old: Service): FieldError[] {
  const clusterIPs = spec.clusterIPs ?? [];
  const families = spec.ipFamilies ?? [];
  if (spec.ipFamilyPolicy === IPFamilyPolicy.SingleStack) {
    if (sameClusterIPs(old, svc) && clusterIPs.length > 1) spec.clusterIPs = clusterIPs.slice(0, 1);
    if (sameFamilies(old, svc) && families.length > 1) spec.ipFamilies = families.slice(0, 1);
    return [];
  }
  const errors: FieldError[] = [];
  const policy = goPointer(spec.ipFamilyPolicy);
  if (clusterIPs.length > 0 && clusterIPs.length < (old.spec?.clusterIPs ?? []).length) {
    errors.push(invalid('spec.ipFamilyPolicy', policy, "must be 'SingleStack' to release the secondary cluster IP"));
  }
  if (families.length > 0 && families.length < (old.spec?.ipFamilies ?? []).length) {
    errors.push(invalid('spec.ipFamilyPolicy', policy, "must be 'SingleStack' to release the secondary IP family"));
  }
  return errors;
}

function singleStackErrors(spec: ServiceSpec): FieldError[] {
  if (spec.ipFamilyPolicy !== IPFamilyPolicy.SingleStack) return [];
  const policy = goPointer(spec.ipFamilyPolicy);
  const errors: FieldError[] = [];
  if ((spec.clusterIPs ?? []).length === 2) {
    errors.push(
      invalid(
        'spec.ipFamilyPolicy',
        policy,
        "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified",
      ),
    );
  }
  if ((spec.ipFamilies ?? []).length === 2) {
    errors.push(
      invalid(
        'spec.ipFamilyPolicy',
        policy,
        "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified",
      ),
    );
  }
  return errors;
}

/** Adds the family of each given clusterIP that ipFamilies does not list yet. */
function inferFamilies(spec: ServiceSpec, configured: readonly string[]): FieldError[] {
  const ips = spec.clusterIPs ?? [];
  const errors: FieldError[] = [];
  for (const [i, ip] of ips.entries()) {
    if (ip === CLUSTER_IP_NONE) break;
    const family = ipFamilyOf(ip, { sloppy: true, unmap: true }) ?? 'unknown';
    if (i < (spec.ipFamilies ?? []).length) continue;
    if (configured.includes(family)) spec.ipFamilies = [...(spec.ipFamilies ?? []), family];
    else
      errors.push(
        invalid(`spec.clusterIPs[${i}]`, goStringSliceOrNil(ips), `${family} is not configured on this cluster`),
      );
  }
  return errors;
}

const otherFamily = (family: string): IPFamilyName => (family === IPFamily.IPv4 ? IPFamily.IPv6 : IPFamily.IPv4);

/** Headless without selector may list families the cluster lacks: upstream allows it explicitly. */
function initHeadlessWithoutSelector(spec: ServiceSpec, configured: readonly IPFamilyName[]): void {
  const families = spec.ipFamilies ?? [];
  if (families.length === 0) families.push(configured[0] ?? IPFamily.IPv4);
  const first = families[0] ?? IPFamily.IPv4;
  if (families.length < 2 && spec.ipFamilyPolicy !== IPFamilyPolicy.SingleStack) families.push(otherFamily(first));
  spec.ipFamilies = families;
}

function checkConfiguredFamilies(spec: ServiceSpec, configured: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  if (spec.ipFamilyPolicy === IPFamilyPolicy.RequireDualStack && configured.length < 2) {
    errors.push(
      invalid(
        'spec.ipFamilyPolicy',
        goPointer(spec.ipFamilyPolicy),
        'this cluster is not configured for dual-stack services',
      ),
    );
  }
  (spec.ipFamilies ?? []).forEach((family, i) => {
    if (!configured.includes(family))
      errors.push(invalid(`spec.ipFamilies[${i}]`, family, 'not configured on this cluster'));
  });
  return errors;
}

/** Fills ipFamilies with the cluster default, plus the second family when dual-stack is wanted and available. */
function completeFamilies(spec: ServiceSpec, configured: readonly IPFamilyName[]): void {
  const families = spec.ipFamilies ?? [];
  if (families.length === 0) families.push(configured[0] ?? IPFamily.IPv4);
  const first = families[0] ?? IPFamily.IPv4;
  if (spec.ipFamilyPolicy !== IPFamilyPolicy.SingleStack && families.length === 1 && configured.length === 2) {
    families.push(otherFamily(first));
  }
  spec.ipFamilies = families;
}

/**
 * Initializes ipFamilyPolicy and ipFamilies of a Service being created (`old` undefined) or
 * updated, and rejects requests the cluster cannot serve, e.g.
 * `spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services`.
 * On create a lone clusterIP is first copied into clusterIPs (so `None` gives `["None"]`).
 * ExternalName Services are returned unchanged. Returns a new object.
 */
export function initIPFamilyFields(
  svc: Service,
  old: Service | undefined,
  configured: readonly IPFamilyName[] = SINGLE_STACK_IPV4,
): IPFamilyInitResult {
  const service = old === undefined ? normalizeClusterIPs(svc, undefined) : structuredClone(svc);
  const spec: ServiceSpec = service.spec ?? {};
  service.spec = spec;
  if (spec.type === ServiceType.ExternalName || isMatchingPreferDualStack(service, old)) return { service, errors: [] };
  defaultPolicy(spec, old);
  const preErrors = validateClusterIPsRelatedFields(service);
  if (preErrors.length > 0) return { service, errors: preErrors };
  const errors = old === undefined ? [] : updatePrep(service, spec, old);
  errors.push(...singleStackErrors(spec), ...inferFamilies(spec, configured));
  if (errors.length > 0) return { service, errors };
  if (isHeadlessWithoutSelector(spec)) {
    initHeadlessWithoutSelector(spec, configured);
    return { service, errors: [] };
  }
  const familyErrors = checkConfiguredFamilies(spec, configured);
  if (familyErrors.length > 0) return { service, errors: familyErrors };
  completeFamilies(spec, configured);
  return { service, errors: [] };
}
