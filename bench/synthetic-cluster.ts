/** Synthetic clusters for benchmarks: N NodePort Services, each with one EndpointSlice of M ready endpoints. */
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.d.ts';

/** The objects a benchmark renders. */
export interface SyntheticCluster {
  readonly services: Service[];
  readonly endpointSlices: EndpointSlice[];
}

const nodePortBase = 30000;
const nodePortCount = 2768;

function ipFromIndex(prefix: number, index: number): string {
  return `${prefix}.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
}

/**
 * Services `ns<i % 10>/svc<i>` with clusterIPs in 10.96.0.0/12 and nodePorts wrapping through the default range
 * (rules do not care that nodePorts repeat once there are more Services than ports); endpoints in 10.244.0.0/16,
 * spread over two nodes so some are local to `node-1`.
 */
export function syntheticCluster(serviceCount: number, endpointsPerService: number): SyntheticCluster {
  const services: Service[] = [];
  const endpointSlices: EndpointSlice[] = [];
  for (let i = 0; i < serviceCount; i++) {
    const namespace = `ns${i % 10}`;
    const name = `svc${i}`;
    services.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { namespace, name },
      spec: {
        type: 'NodePort',
        clusterIP: ipFromIndex(10, (96 << 16) + i + 1),
        clusterIPs: [ipFromIndex(10, (96 << 16) + i + 1)],
        ports: [
          { name: 'http', port: 80, protocol: 'TCP', targetPort: 8080, nodePort: nodePortBase + (i % nodePortCount) },
        ],
        externalTrafficPolicy: 'Cluster',
        internalTrafficPolicy: 'Cluster',
      },
    });
    endpointSlices.push({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { namespace, name: `${name}-abcde`, labels: { 'kubernetes.io/service-name': name } },
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      endpoints: Array.from({ length: endpointsPerService }, (_, e) => ({
        addresses: [ipFromIndex(10, (244 << 16) + i * endpointsPerService + e + 1)],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: `node-${e % 2}`,
      })),
    });
  }
  return { services, endpointSlices };
}
