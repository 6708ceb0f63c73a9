/** The kinds Portico reads and writes as protobuf, and the message each one is. */

/** One kind: the apiVersion and kind of its `runtime.Unknown` envelope, and its message. */
export interface ProtobufKind {
  readonly apiVersion: string;
  readonly kind: string;
  /** Fully qualified protobuf message name. */
  readonly messageName: string;
}

/** Every kind Portico serves. */
export const PROTOBUF_KINDS: readonly ProtobufKind[] = [
  { apiVersion: 'v1', kind: 'Namespace', messageName: 'k8s.io.api.core.v1.Namespace' },
  { apiVersion: 'v1', kind: 'Service', messageName: 'k8s.io.api.core.v1.Service' },
  { apiVersion: 'v1', kind: 'Endpoints', messageName: 'k8s.io.api.core.v1.Endpoints' },
  { apiVersion: 'v1', kind: 'Pod', messageName: 'k8s.io.api.core.v1.Pod' },
  { apiVersion: 'v1', kind: 'Node', messageName: 'k8s.io.api.core.v1.Node' },
  { apiVersion: 'v1', kind: 'Event', messageName: 'k8s.io.api.core.v1.Event' },
  { apiVersion: 'apps/v1', kind: 'Deployment', messageName: 'k8s.io.api.apps.v1.Deployment' },
  { apiVersion: 'apps/v1', kind: 'ReplicaSet', messageName: 'k8s.io.api.apps.v1.ReplicaSet' },
  { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', messageName: 'k8s.io.api.discovery.v1.EndpointSlice' },
];

const BY_GVK = new Map(PROTOBUF_KINDS.map((entry) => [`${entry.apiVersion}/${entry.kind}`, entry]));

/** The registered kind for an apiVersion and kind, if Portico knows it. */
export function findProtobufKind(apiVersion: string, kind: string): ProtobufKind | undefined {
  return BY_GVK.get(`${apiVersion}/${kind}`);
}
