/**
 * The Kubernetes object types Portico serves, re-exported from `kubernetes-types` so the rest of
 * the code base imports them from one place, plus the guards that tell them apart.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type {
  Endpoints,
  Event,
  Namespace,
  Node,
  Pod,
  Service,
  ServicePort,
  ServiceSpec,
} from 'kubernetes-types/core/v1.d.ts';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.d.ts';
import type { LabelSelector, ObjectMeta } from 'kubernetes-types/meta/v1.d.ts';

export type {
  Deployment,
  EndpointSlice,
  Endpoints,
  Event,
  LabelSelector,
  Namespace,
  Node,
  ObjectMeta,
  Pod,
  ReplicaSet,
  Service,
  ServicePort,
  ServiceSpec,
};

/** Any Kubernetes object: what every stored or served value has in common. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/** A core/v1 Service (by apiVersion and kind). */
export function isService(obj: KubeObject): obj is Service {
  return obj.apiVersion === 'v1' && obj.kind === 'Service';
}

/** A discovery.k8s.io/v1 EndpointSlice (by apiVersion and kind). */
export function isEndpointSlice(obj: KubeObject): obj is EndpointSlice {
  return obj.apiVersion === 'discovery.k8s.io/v1' && obj.kind === 'EndpointSlice';
}
