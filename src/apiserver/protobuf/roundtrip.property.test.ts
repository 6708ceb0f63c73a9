import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeKubernetesProtobuf, encodeKubernetesProtobuf } from './codec.ts';

// Random Services. In the canonical form (what the decoder produces) an omitempty field is either
// absent or non-zero; a pointer or required field may hold anything; spec and status are present.
// The loose form allows zeros anywhere and leaves structs out: decoding normalises it, and the
// normalised object must then encode to the same bytes.

const anyText = fc.string({ unit: 'grapheme', maxLength: 10 });
const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 });
const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const nonZeroInt32 = int32.filter((n) => n !== 0);
const nonZeroInt64 = fc.maxSafeInteger().filter((n) => n !== 0);
const time = fc
  .integer({ min: 1, max: 4102444800 })
  .map((seconds) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z'));
const list = <T>(item: fc.Arbitrary<T>) => fc.array(item, { minLength: 1, maxLength: 3 });
const labels = fc.dictionary(text, anyText, { minKeys: 1, maxKeys: 3, noNullPrototype: true });

/** Field arbitraries for both forms: omitempty fields get `some` (non-zero) or `zeroable`. */
function shapes(canonical: boolean) {
  const str = canonical ? text : anyText;
  const i32 = canonical ? nonZeroInt32 : int32;
  const flag = canonical ? fc.constant(true) : fc.boolean();
  const record = <T>(fields: { [K in keyof T]: fc.Arbitrary<T[K]> }, required: (keyof T)[] = []) =>
    fc.record(fields, { requiredKeys: canonical ? required : [], noNullPrototype: true });
  return { str, i32, flag, record };
}

function metadataArbitrary(canonical: boolean) {
  const { str, record } = shapes(canonical);
  const ownerReference = record(
    {
      apiVersion: anyText,
      kind: anyText,
      name: anyText,
      uid: anyText,
      controller: fc.boolean(),
      blockOwnerDeletion: fc.boolean(),
    },
    ['apiVersion', 'kind', 'name', 'uid'],
  );
  return record({
    name: str,
    generateName: str,
    namespace: str,
    uid: str,
    resourceVersion: str,
    generation: canonical ? nonZeroInt64 : fc.maxSafeInteger(),
    creationTimestamp: time,
    deletionTimestamp: time,
    deletionGracePeriodSeconds: fc.maxSafeInteger(),
    labels,
    annotations: labels,
    ownerReferences: list(ownerReference),
    finalizers: list(anyText),
  });
}

function specArbitrary(canonical: boolean) {
  const { str, i32, flag, record } = shapes(canonical);
  const port = record(
    {
      name: str,
      protocol: fc.constantFrom('TCP', 'UDP', 'SCTP'),
      appProtocol: anyText,
      port: int32,
      targetPort: fc.oneof(i32, anyText),
      nodePort: i32,
    },
    ['port'],
  );
  return record({
    ports: list(port),
    selector: labels,
    clusterIP: str,
    clusterIPs: list(anyText),
    type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'),
    externalIPs: list(anyText),
    sessionAffinity: str,
    loadBalancerIP: str,
    loadBalancerSourceRanges: list(anyText),
    externalName: str,
    externalTrafficPolicy: str,
    healthCheckNodePort: i32,
    publishNotReadyAddresses: flag,
    sessionAffinityConfig: record({ clientIP: record({ timeoutSeconds: int32 }) }),
    ipFamilies: list(anyText),
    ipFamilyPolicy: anyText,
    allocateLoadBalancerNodePorts: fc.boolean(),
    loadBalancerClass: anyText,
    internalTrafficPolicy: anyText,
    trafficDistribution: anyText,
  });
}

function statusArbitrary(canonical: boolean) {
  const { str, record } = shapes(canonical);
  const portStatus = record({ port: int32, protocol: anyText, error: anyText }, ['port', 'protocol']);
  const ingress = record({ ip: str, hostname: str, ipMode: anyText, ports: list(portStatus) });
  const condition = record(
    {
      type: anyText,
      status: anyText,
      observedGeneration: canonical ? nonZeroInt64 : fc.maxSafeInteger(),
      lastTransitionTime: time,
      reason: anyText,
      message: anyText,
    },
    ['type', 'status', 'reason', 'message'],
  );
  return record({ loadBalancer: record({ ingress: list(ingress) }), conditions: list(condition) }, ['loadBalancer']);
}

function serviceArbitrary(canonical: boolean) {
  return fc.record(
    {
      apiVersion: fc.constant('v1'),
      kind: fc.constant('Service'),
      metadata: metadataArbitrary(canonical),
      spec: specArbitrary(canonical),
      status: statusArbitrary(canonical),
    },
    {
      requiredKeys: canonical ? ['apiVersion', 'kind', 'metadata', 'spec', 'status'] : ['apiVersion', 'kind'],
      noNullPrototype: true,
    },
  );
}

test('random canonical Services survive JSON → protobuf → JSON unchanged', () => {
  fc.assert(
    fc.property(serviceArbitrary(true), (service) => {
      const decoded = decodeKubernetesProtobuf(encodeKubernetesProtobuf(service));
      assert.deepEqual(decoded.object, service);
    }),
  );
});

test('decoding normalises any Service to a fixed point of encode ∘ decode', () => {
  fc.assert(
    fc.property(serviceArbitrary(false), (service) => {
      const bytes = encodeKubernetesProtobuf(service);
      const normalised = decodeKubernetesProtobuf(bytes).object;
      assert.deepEqual(Buffer.from(encodeKubernetesProtobuf(normalised)), Buffer.from(bytes));
      assert.deepEqual(decodeKubernetesProtobuf(encodeKubernetesProtobuf(normalised)).object, normalised);
    }),
  );
});
