/**
 * Small readers of Service fields with the API's defaults applied, shared by allocation and repair.
 */
import type { Service, ServicePort, ServiceSpec } from 'kubernetes-types/core/v1.d.ts';
import { CLUSTER_IP_NONE, ServiceType } from '../api/service/constants.ts';

// The API's spellings are declared once, in api/; allocation code reads them from here too.
export { CLUSTER_IP_NONE, IPFamilyPolicy, ServiceType } from '../api/service/constants.ts';

/** The spec, or an empty one. */
export function specOf(service: Service): ServiceSpec {
  return service.spec ?? {};
}

/** `spec.type`, defaulting to ClusterIP. */
export function serviceType(service: Service): string {
  return specOf(service).type ?? ServiceType.ClusterIP;
}

/** NodePort and LoadBalancer Services are reachable on node ports. */
export function isNodePortType(service: Service): boolean {
  const type = serviceType(service);
  return type === ServiceType.NodePort || type === ServiceType.LoadBalancer;
}

/** Whether ports without a nodePort get one (LoadBalancer may opt out with allocateLoadBalancerNodePorts: false). */
export function shouldAllocateNodePorts(service: Service): boolean {
  const type = serviceType(service);
  if (type === ServiceType.NodePort) return true;
  return type === ServiceType.LoadBalancer && specOf(service).allocateLoadBalancerNodePorts !== false;
}

/** Only LoadBalancer + externalTrafficPolicy Local gets a healthCheckNodePort (upstream's `NeedsHealthCheck`). */
export function needsHealthCheck(service: Service): boolean {
  return serviceType(service) === ServiceType.LoadBalancer && specOf(service).externalTrafficPolicy === 'Local';
}

/** Whether the Service is headless (its first ClusterIP is `None`). */
export function isHeadless(service: Service): boolean {
  const spec = specOf(service);
  return (spec.clusterIPs?.[0] ?? spec.clusterIP) === CLUSTER_IP_NONE;
}

/** The ports, or none. */
export function portsOf(service: Service): readonly ServicePort[] {
  return specOf(service).ports ?? [];
}

/** Every non-zero `spec.ports[*].nodePort`, repeats included (upstream's `collectServiceNodePorts` in the registry). */
export function collectNodePorts(service: Service): number[] {
  return portsOf(service)
    .map((port) => port.nodePort ?? 0)
    .filter((nodePort) => nodePort !== 0);
}

/** A Service's `namespace/name`, for messages. */
export function serviceKey(service: Service): string {
  return `${service.metadata?.namespace ?? ''}/${service.metadata?.name ?? ''}`;
}
