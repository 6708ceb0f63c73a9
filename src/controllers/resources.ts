/** The collections the controllers read and write, declared once. */
import type { Resource } from './client.ts';

/** core/v1 Pods. */
export const PODS: Resource = { group: '', plural: 'pods', namespaced: true };
/** core/v1 Services. */
export const SERVICES: Resource = { group: '', plural: 'services', namespaced: true };
/** core/v1 Endpoints. */
export const ENDPOINTS: Resource = { group: '', plural: 'endpoints', namespaced: true };
/** core/v1 Nodes. */
export const NODES: Resource = { group: '', plural: 'nodes', namespaced: false };
/** core/v1 Events. */
export const EVENTS: Resource = { group: '', plural: 'events', namespaced: true };
/** apps/v1 Deployments. */
export const DEPLOYMENTS: Resource = { group: 'apps', plural: 'deployments', namespaced: true };
/** apps/v1 ReplicaSets. */
export const REPLICASETS: Resource = { group: 'apps', plural: 'replicasets', namespaced: true };
/** discovery.k8s.io/v1 EndpointSlices. */
export const ENDPOINTSLICES: Resource = { group: 'discovery.k8s.io', plural: 'endpointslices', namespaced: true };
/** coordination.k8s.io/v1 Leases (node heartbeats live in `kube-node-lease`). */
export const LEASES: Resource = { group: 'coordination.k8s.io', plural: 'leases', namespaced: true };
