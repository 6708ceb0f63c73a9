/** The protobuf body decoder the server uses by default: what kubectl ≥ 1.32's typed commands send. */
import { decodeKubernetesProtobuf } from './protobuf/index.ts';

/** Decodes a `k8s\0`-framed protobuf request body into its JSON object (throws a ProtobufError when it cannot). */
export function decodeProtobufBody(bytes: Uint8Array): unknown {
  // Unknown protobuf fields are dropped, as kube-apiserver drops them.
  return decodeKubernetesProtobuf(bytes).object;
}
