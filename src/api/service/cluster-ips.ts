/**
 * Keeps spec.clusterIP and spec.clusterIPs in step, inferring what a client meant when it set only
 * one of them (storage.go `normalizeClusterIPs`).
 */
import type { Service, ServiceSpec } from 'kubernetes-types/core/v1.d.ts';
import { sameStrings } from './predicates.ts';

/** Same clusterIPs lists (an absent list equals an empty one, as Go's nil slice does). */
export function sameClusterIPs(a: Service, b: Service): boolean {
  return sameStrings(a.spec?.clusterIPs, b.spec?.clusterIPs);
}

function setClusterIPs(spec: ServiceSpec, ips: readonly string[] | undefined): void {
  if (ips === undefined) delete spec.clusterIPs;
  else spec.clusterIPs = [...ips];
}

/**
 * On create (`oldSvc` undefined), a clusterIP alone becomes `clusterIPs: [clusterIP]` — so a
 * headless `None` gives `["None"]`. On update: a client that omitted clusterIPs keeps the old ones;
 * clearing clusterIP clears an unchanged clusterIPs; changing only clusterIP rewrites clusterIPs
 * to `[clusterIP]` (so the immutability error shows the new value). Returns a new object.
 */
export function normalizeClusterIPs(newSvc: Service, oldSvc: Service | undefined): Service {
  const svc = structuredClone(newSvc);
  const spec = svc.spec ?? {};
  const clusterIP = spec.clusterIP ?? '';
  if (oldSvc === undefined) {
    if (clusterIP !== '' && (spec.clusterIPs ?? []).length === 0) {
      spec.clusterIPs = [clusterIP];
      svc.spec = spec;
    }
    return svc;
  }
  const oldClusterIP = oldSvc.spec?.clusterIP ?? '';
  const oldClusterIPs = oldSvc.spec?.clusterIPs ?? [];
  if (oldClusterIPs.length > 0 && (spec.clusterIPs ?? []).length === 0 && oldClusterIP === clusterIP) {
    setClusterIPs(spec, oldClusterIPs);
  }
  if (oldClusterIP !== clusterIP && sameClusterIPs(oldSvc, { spec })) {
    // Cleared: drop the unchanged list with it. Changed: the list follows the new value.
    setClusterIPs(spec, oldClusterIP !== '' && clusterIP === '' ? undefined : [clusterIP]);
  }
  if (svc.spec !== undefined || Object.keys(spec).length > 0) svc.spec = spec;
  return svc;
}
