/**
 * Pure steps the registry applies to a Service update before validating it (storage.go
 * `patchAllocatedValues`, strategy.go `dropTypeDependentFields`). Each returns a new object.
 */
import type { Service, ServicePort, ServiceSpec } from 'kubernetes-types/core/v1.d.ts';
import { sameClusterIPs } from './cluster-ips.ts';
import { isLoadBalancer, needsClusterIP, needsHealthCheck, needsNodePort, sameStrings } from './predicates.ts';

export { normalizeClusterIPs } from './cluster-ips.ts';

function nodePortsOf(svc: Service): Set<number> {
  return new Set((svc.spec?.ports ?? []).map((p) => p.nodePort ?? 0).filter((n) => n !== 0));
}

function withNodePort(port: ServicePort, nodePort: number): ServicePort {
  const copy = { ...port };
  if (nodePort === 0) delete copy.nodePort;
  else copy.nodePort = nodePort;
  return copy;
}

/** Copies old nodePorts into ports that omit theirs, matched by port name, unless already in use. */
function patchNodePorts(spec: ServiceSpec, oldSvc: Service, newSvc: Service): void {
  const newPorts = nodePortsOf(newSvc);
  const used = new Set([...nodePortsOf(oldSvc)].filter((n) => newPorts.has(n)));
  const byName = new Map<string, number>();
  for (const p of oldSvc.spec?.ports ?? []) byName.set(p.name ?? '', p.nodePort ?? 0);
  if (spec.ports === undefined) return;
  spec.ports = spec.ports.map((p) => {
    if ((p.nodePort ?? 0) !== 0) return p;
    const oldValue = byName.get(p.name ?? '') ?? 0;
    return used.has(oldValue) ? p : withNodePort(p, oldValue);
  });
}

/**
 * Fills in what the server allocated and the client left out, so re-submitting the same manifest
 * (`kubectl replace -f`, `apply`) succeeds: clusterIP(s), nodePorts by port name, and the
 * healthCheckNodePort of a LoadBalancer with Local traffic policy.
 */
export function patchAllocatedValues(newSvc: Service, oldSvc: Service): Service {
  const svc = structuredClone(newSvc);
  const spec: ServiceSpec = svc.spec ?? {};
  const old = oldSvc.spec ?? {};
  if (needsClusterIP(oldSvc) && needsClusterIP(svc)) {
    if ((spec.clusterIP ?? '') === '' && old.clusterIP !== undefined) spec.clusterIP = old.clusterIP;
    if ((spec.clusterIPs ?? []).length === 0 && (old.clusterIPs ?? []).length > 0)
      spec.clusterIPs = [...(old.clusterIPs ?? [])];
  }
  if (needsNodePort(oldSvc) && needsNodePort(svc)) patchNodePorts(spec, oldSvc, newSvc);
  if (needsHealthCheck(oldSvc) && needsHealthCheck(svc) && (spec.healthCheckNodePort ?? 0) === 0) {
    if (old.healthCheckNodePort !== undefined) spec.healthCheckNodePort = old.healthCheckNodePort;
  }
  svc.spec = spec;
  return svc;
}

/** Leaving the cluster-IP types (to ExternalName): drop IP fields the user did not touch. */
function dropClusterIPFields(spec: ServiceSpec, old: ServiceSpec, newSvc: Service, oldSvc: Service): void {
  if ((old.clusterIP ?? '') === (spec.clusterIP ?? '') && sameClusterIPs(oldSvc, newSvc)) {
    delete spec.clusterIP;
    delete spec.clusterIPs;
  }
  // Upstream compares ipFamilies with reflect.DeepEqual, where nil and [] differ.
  const sameFamilies =
    (old.ipFamilies === undefined) === (spec.ipFamilies === undefined) && sameStrings(old.ipFamilies, spec.ipFamilies);
  if (sameFamilies) delete spec.ipFamilies;
  if ((old.ipFamilyPolicy ?? '') === (spec.ipFamilyPolicy ?? '')) delete spec.ipFamilyPolicy;
}

/** The user added no nodePort the old object did not have. */
function sameNodePorts(oldSvc: Service, newSvc: Service): boolean {
  const old = nodePortsOf(oldSvc);
  return [...nodePortsOf(newSvc)].every((n) => old.has(n));
}

function dropLoadBalancerFields(spec: ServiceSpec, old: ServiceSpec): void {
  const oldAllocate = old.allocateLoadBalancerNodePorts;
  if (oldAllocate !== undefined && spec.allocateLoadBalancerNodePorts === oldAllocate) {
    delete spec.allocateLoadBalancerNodePorts;
  }
  if (old.loadBalancerClass === spec.loadBalancerClass) delete spec.loadBalancerClass;
}

/**
 * On a type change, clears fields that no longer apply — but only those the user left as they
 * were, so anything they did change still reaches validation. This is what lets
 * `kubectl patch svc x -p '{"spec":{"type":"ClusterIP"}}'` succeed on a NodePort Service.
 */
export function dropTypeDependentFields(newSvc: Service, oldSvc: Service): Service {
  const svc = structuredClone(newSvc);
  const spec: ServiceSpec = svc.spec ?? {};
  const old = oldSvc.spec ?? {};
  if (needsClusterIP(oldSvc) && !needsClusterIP(svc)) dropClusterIPFields(spec, old, newSvc, oldSvc);
  if (needsNodePort(oldSvc) && !needsNodePort(svc) && sameNodePorts(oldSvc, newSvc)) {
    if (spec.ports !== undefined) spec.ports = spec.ports.map((p) => withNodePort(p, 0));
  }
  const sameHealthCheckPort = (old.healthCheckNodePort ?? 0) === (spec.healthCheckNodePort ?? 0);
  if (needsHealthCheck(oldSvc) && !needsHealthCheck(svc) && sameHealthCheckPort) delete spec.healthCheckNodePort;
  if (isLoadBalancer(oldSvc) && !isLoadBalancer(svc)) dropLoadBalancerFields(spec, old);
  const sameTrafficPolicy = (old.externalTrafficPolicy ?? '') === (spec.externalTrafficPolicy ?? '');
  if (needsNodePort(oldSvc) && !needsNodePort(svc) && sameTrafficPolicy) {
    delete spec.externalTrafficPolicy;
  }
  // The load balancer goes away with the type; upstream clears its status at once.
  if (!isLoadBalancer(svc)) return { ...svc, spec, status: { ...svc.status, loadBalancer: {} } };
  return { ...svc, spec };
}
