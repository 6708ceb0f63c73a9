/** Kubernetes protobuf request bodies: decode into JSON objects, encode them back. */
export { decodeKubernetesProtobuf, encodeKubernetesProtobuf, type DecodedKubernetesObject } from './codec.ts';
export { hasKubernetesMagic, KUBERNETES_PROTOBUF_CONTENT_TYPE, KUBERNETES_PROTOBUF_MAGIC } from './envelope.ts';
export { ProtobufError, type ProtobufErrorCode } from './errors.ts';
export { keepZeroTable, type KeepZeroReason } from './keep-zero.ts';
export { findProtobufKind, PROTOBUF_KINDS, type ProtobufKind } from './registry.ts';
