/** Questions about a Service that validation, defaulting and the registry all ask (pkg/api/service). */
import type { Service, ServicePort } from 'kubernetes-types/core/v1.d.ts';
import { CLUSTER_IP_NONE, ServiceType, TrafficPolicy } from './constants.ts';

/** clusterIPs is exactly ["None"]. */
export function isHeadless(svc: Service): boolean {
  const ips = svc.spec?.clusterIPs ?? [];
  return ips.length === 1 && ips[0] === CLUSTER_IP_NONE;
}

/** NodePort, LoadBalancer, or ClusterIP with externalIPs: reachable from outside the cluster. */
export function externallyAccessible(svc: Service): boolean {
  const type = svc.spec?.type;
  return (
    type === ServiceType.LoadBalancer ||
    type === ServiceType.NodePort ||
    (type === ServiceType.ClusterIP && (svc.spec?.externalIPs ?? []).length > 0)
  );
}

/** Only LoadBalancer with externalTrafficPolicy Local gets a healthCheckNodePort. */
export function needsHealthCheck(svc: Service): boolean {
  return svc.spec?.type === ServiceType.LoadBalancer && svc.spec.externalTrafficPolicy === TrafficPolicy.Local;
}

/** Every type but ExternalName has (or may have) cluster IPs. */
export function needsClusterIP(svc: Service): boolean {
  return svc.spec?.type !== ServiceType.ExternalName;
}

/** NodePort and LoadBalancer carry nodePorts. */
export function needsNodePort(svc: Service): boolean {
  const type = svc.spec?.type;
  return type === ServiceType.NodePort || type === ServiceType.LoadBalancer;
}

/** A port's number; decoded JSON may lack it although the type says otherwise, and Go reads that as 0. */
export function portNumber(port: ServicePort): number {
  return (port as { port?: number }).port ?? 0;
}

/** LoadBalancer type. */
export function isLoadBalancer(svc: Service): boolean {
  return svc.spec?.type === ServiceType.LoadBalancer;
}

/** Equal string lists, an absent list counting as empty (Go compares nil and empty slices alike by length). */
export function sameStrings(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((value, i) => value === y[i]);
}
