/**
 * apimachinery messages: meta/v1 (ObjectMeta, OwnerReference, LabelSelector, Condition, Time, …),
 * runtime (the `runtime.Unknown` envelope), intstr and resource. Field numbers from upstream
 * `generated.proto`; `ptr`/`req` from the Go struct tags in `types.go` (see schema-dsl.ts).
 */
import type { PackageSpec } from './schema-dsl.ts';

/** k8s.io.apimachinery.pkg.apis.meta.v1 */
export const META_V1: PackageSpec = {
  package: 'k8s.io.apimachinery.pkg.apis.meta.v1',
  messages: {
    ObjectMeta: {
      name: '1 string',
      generateName: '2 string',
      namespace: '3 string',
      selfLink: '4 string',
      uid: '5 string',
      resourceVersion: '6 string',
      generation: '7 int64',
      creationTimestamp: '8 Time',
      deletionTimestamp: '9 Time ptr',
      deletionGracePeriodSeconds: '10 int64 ptr',
      labels: '11 map<string>',
      annotations: '12 map<string>',
      ownerReferences: '13 []OwnerReference',
      finalizers: '14 []string',
      // 15 was clusterName, removed upstream.
      managedFields: '17 []ManagedFieldsEntry',
    },
    OwnerReference: {
      apiVersion: '5 string req',
      kind: '1 string req',
      name: '3 string req',
      uid: '4 string req',
      controller: '6 bool ptr',
      blockOwnerDeletion: '7 bool ptr',
    },
    LabelSelector: {
      matchLabels: '1 map<string>',
      matchExpressions: '2 []LabelSelectorRequirement',
    },
    LabelSelectorRequirement: {
      key: '1 string req',
      operator: '2 string req',
      values: '3 []string',
    },
    ManagedFieldsEntry: {
      manager: '1 string',
      operation: '2 string',
      apiVersion: '3 string',
      time: '4 Time ptr',
      fieldsType: '6 string',
      fieldsV1: '7 FieldsV1 ptr',
      subresource: '8 string',
    },
    Condition: {
      type: '1 string req',
      status: '2 string req',
      observedGeneration: '3 int64',
      lastTransitionTime: '4 Time req',
      reason: '5 string req',
      message: '6 string req',
    },
    // Special types: converted to and from their JSON form by special-types.ts.
    Time: { seconds: '1 int64', nanos: '2 int32' },
    MicroTime: { seconds: '1 int64', nanos: '2 int32' },
    FieldsV1: { Raw: '1 bytes' },
  },
};

/** k8s.io.apimachinery.pkg.runtime: the envelope every protobuf body travels in. */
export const RUNTIME: PackageSpec = {
  package: 'k8s.io.apimachinery.pkg.runtime',
  messages: {
    TypeMeta: { apiVersion: '1 string', kind: '2 string' },
    Unknown: {
      typeMeta: '1 TypeMeta',
      raw: '2 bytes',
      contentEncoding: '3 string',
      contentType: '4 string',
    },
    RawExtension: { raw: '1 bytes' },
  },
};

/** k8s.io.apimachinery.pkg.util.intstr */
export const INTSTR: PackageSpec = {
  package: 'k8s.io.apimachinery.pkg.util.intstr',
  messages: {
    IntOrString: { type: '1 int64', intVal: '2 int32', strVal: '3 string' },
  },
};

/** k8s.io.apimachinery.pkg.api.resource */
export const RESOURCE: PackageSpec = {
  package: 'k8s.io.apimachinery.pkg.api.resource',
  messages: {
    Quantity: { string: '1 string' },
  },
};
