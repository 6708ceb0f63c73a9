/**
 * Service defaulting (core/v1 `SetDefaults_Service`) and the registry's create/update preparation
 * (strategy.go `PrepareForCreate`/`PrepareForUpdate`). Allocation is not done here.
 */
import type { Service, ServicePort, ServiceSpec, ServiceStatus } from 'kubernetes-types/core/v1.d.ts';
import { DEFAULT_CLIENT_IP_AFFINITY_SECONDS, SessionAffinity, ServiceType, TrafficPolicy } from './constants.ts';
import { externallyAccessible, portNumber } from './predicates.ts';
import { dropTypeDependentFields } from './update.ts';

function defaultSessionAffinity(spec: ServiceSpec): void {
  if ((spec.sessionAffinity ?? '') === '') spec.sessionAffinity = SessionAffinity.None;
  if (spec.sessionAffinity === SessionAffinity.None) delete spec.sessionAffinityConfig;
  if (
    spec.sessionAffinity === SessionAffinity.ClientIP &&
    spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined
  ) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
  }
}

function defaultPort(port: ServicePort): ServicePort {
  const out = { ...port };
  if ((out.protocol ?? '') === '') out.protocol = 'TCP';
  // An unset, zero or empty targetPort means "the same as port".
  if (out.targetPort === undefined || out.targetPort === 0 || out.targetPort === '') out.targetPort = portNumber(out);
  return out;
}

function defaultTypeDependent(spec: ServiceSpec): void {
  if (externallyAccessible({ spec }) && (spec.externalTrafficPolicy ?? '') === '') {
    spec.externalTrafficPolicy = TrafficPolicy.Cluster;
  }
  const type = spec.type;
  if (spec.internalTrafficPolicy === undefined && type !== ServiceType.ExternalName) {
    spec.internalTrafficPolicy = TrafficPolicy.Cluster;
  }
  if (type === ServiceType.LoadBalancer) spec.allocateLoadBalancerNodePorts ??= true;
}

/** LoadBalancer ingress IPs without an ipMode get `VIP` (the LoadBalancerIPMode default). */
function defaultIngressIPMode(svc: Service): ServiceStatus | undefined {
  const ingress = svc.status?.loadBalancer?.ingress;
  if (svc.spec?.type !== ServiceType.LoadBalancer || ingress === undefined) return svc.status;
  const defaulted = ingress.map((ing) =>
    (ing.ip ?? '') !== '' && ing.ipMode === undefined ? { ...ing, ipMode: 'VIP' } : ing,
  );
  return { ...svc.status, loadBalancer: { ...svc.status?.loadBalancer, ingress: defaulted } };
}

/**
 * Applies every non-allocation default of a v1 Service: type ClusterIP, sessionAffinity None
 * (or the ClientIP timeout), port protocol TCP and targetPort = port, externalTrafficPolicy
 * Cluster for externally-accessible Services, internalTrafficPolicy Cluster (not ExternalName),
 * allocateLoadBalancerNodePorts true for LoadBalancer. Returns a new object.
 */
export function defaultService(svc: Service): Service {
  const out = structuredClone(svc);
  const spec: ServiceSpec = out.spec ?? {};
  defaultSessionAffinity(spec);
  if ((spec.type ?? '') === '') spec.type = ServiceType.ClusterIP;
  if (spec.ports !== undefined) spec.ports = spec.ports.map(defaultPort);
  defaultTypeDependent(spec);
  const status = defaultIngressIPMode({ ...out, spec });
  return status === undefined ? { ...out, spec } : { ...out, spec, status };
}

/** On create the client's status is discarded: it starts as `{loadBalancer: {}}`. */
export function prepareServiceForCreate(svc: Service): Service {
  return { ...structuredClone(svc), status: { loadBalancer: {} } };
}

/**
 * On update the status is kept from the stored object (status has its own subresource), then
 * fields that no longer apply to a changed type are dropped, as upstream's PrepareForUpdate does.
 */
export function prepareServiceForUpdate(newSvc: Service, oldSvc: Service): Service {
  const status = structuredClone(oldSvc.status ?? { loadBalancer: {} });
  return dropTypeDependentFields({ ...structuredClone(newSvc), status }, oldSvc);
}
