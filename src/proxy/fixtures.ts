/** Small builders for Services and EndpointSlices in tests (upstream's makeTestService / makeTestEndpointSlice). */
import type { Service, ServiceSpec, ServiceStatus } from 'kubernetes-types/core/v1.d.ts';
import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1.d.ts';
import { serviceNameLabel } from './endpoints.ts';

/** A Service `namespace/name` with the given spec (and status). */
export function makeService(namespace: string, name: string, spec: ServiceSpec, status?: ServiceStatus): Service {
  const service: Service = { apiVersion: 'v1', kind: 'Service', metadata: { namespace, name }, spec };
  return status === undefined ? service : { ...service, status };
}

/** EndpointSlice `{service}-{index}` for the Service, IPv4 unless said otherwise. */
export function makeSlice(
  namespace: string,
  service: string,
  index: number,
  endpoints: Endpoint[],
  ports: EndpointPort[],
  addressType: 'IPv4' | 'IPv6' = 'IPv4',
): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { namespace, name: `${service}-${index}`, labels: { [serviceNameLabel]: service } },
    addressType,
    endpoints,
    ports,
  };
}

/** A ClusterIP Service with one named TCP port. */
export function clusterIPService(
  namespace: string,
  name: string,
  clusterIP: string,
  portName = 'p80',
  port = 80,
): Service {
  return makeService(namespace, name, {
    type: 'ClusterIP',
    clusterIP,
    ports: [{ name: portName, port, protocol: 'TCP' }],
  });
}

/** A slice with ready endpoints at the given IPs for one named TCP port. */
export function readySlice(
  namespace: string,
  service: string,
  ips: string[],
  portName = 'p80',
  port = 80,
): EndpointSlice {
  return makeSlice(
    namespace,
    service,
    1,
    ips.map((ip) => ({ addresses: [ip] })),
    [{ name: portName, port, protocol: 'TCP' }],
  );
}
