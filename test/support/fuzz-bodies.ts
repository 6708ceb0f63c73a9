/**
 * Generators for the reliability fuzzing: valid-looking objects of the kinds the server validates most, with one
 * value somewhere replaced by something hostile (a wrong type, a huge number, a newline, a path), removed, or added.
 */
import fc from 'fast-check';

/** A JSON object as the generators build it. */
export type Json = Record<string, unknown>;

/** Where a kind is created, and a valid object of it named `name`. */
export interface FuzzKind {
  readonly collection: string;
  readonly make: (name: string) => Json;
}

const ns = '/api/v1/namespaces/default';

/** The kinds fuzzed: Services, Pods, EndpointSlices, Nodes, Deployments and Leases. */
export const FUZZ_KINDS: readonly FuzzKind[] = [
  {
    collection: `${ns}/services`,
    make: (name) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, labels: { app: 'web' }, annotations: { note: 'x' } },
      spec: {
        type: 'NodePort',
        selector: { app: 'web' },
        ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
        sessionAffinity: 'None',
        externalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
      },
    }),
  },
  {
    collection: `${ns}/pods`,
    make: (name) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'main',
            image: 'busybox',
            command: ['sh', '-c'],
            args: ['sleep 1'],
            ports: [{ containerPort: 80, protocol: 'TCP', name: 'http' }],
            env: [{ name: 'A', value: 'b' }],
          },
        ],
        restartPolicy: 'Always',
        terminationGracePeriodSeconds: 30,
      },
    }),
  },
  {
    collection: '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices',
    make: (name) => ({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name, labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true }, nodeName: 'node-1' }],
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    }),
  },
  {
    collection: '/api/v1/nodes',
    make: (name) => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name } },
      spec: { podCIDR: '10.244.9.0/24', taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] },
      status: {
        addresses: [{ type: 'InternalIP', address: '10.0.0.9' }],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      },
    }),
  },
  {
    collection: '/apis/apps/v1/namespaces/default/deployments',
    make: (name) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
      },
    }),
  },
  {
    collection: '/apis/coordination.k8s.io/v1/namespaces/default/leases',
    make: (name) => ({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name },
      spec: { holderIdentity: 'a', leaseDurationSeconds: 40 },
    }),
  },
];

/** Values that have broken servers: wrong types, numbers out of every range, injections, paths. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    1e30,
    -5,
    2 ** 63,
    -(2 ** 63),
    0,
    -1,
    65536,
    70000,
    1.5,
    'a\nb',
    '-A KUBE-SERVICES -j ACCEPT\n',
    '',
    '../../../x',
    '127.0.0.1#',
    'host/path?',
    'x'.repeat(300),
    '10.0.0.1\n-A',
    '80',
    null,
    true,
    [],
    {},
    [null],
    { '': 1 },
    { __proto__: 1 },
  ),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 40 }),
);

/** Every path (object keys and array indexes) inside `value`, the root excluded. */
export function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => [[...prefix, index], ...pathsOf(item, [...prefix, index])]);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])]);
  }
  return [];
}

/** How a body is spoiled: one value replaced, removed, or a hostile key added beside it. */
export interface Mutation {
  readonly pick: number;
  readonly mode: 'replace' | 'remove' | 'add';
  readonly value: unknown;
  readonly key: string;
}

/** An arbitrary mutation. */
export const mutation: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  mode: fc.constantFrom('replace', 'replace', 'remove', 'add'),
  value: hostileValue,
  key: fc.oneof(fc.constantFrom('ports', 'port', 'name', 'spec', 'metadata', 'nodePort', 'clusterIP'), fc.string()),
});

/** `object` (a copy) with `change` applied at one of its paths. */
export function mutate(object: Json, change: Mutation): Json {
  const copy = structuredClone(object);
  const paths = pathsOf(copy);
  const path = paths[change.pick % paths.length] ?? ['metadata'];
  let parent: unknown = copy;
  for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[step];
  const last = path.at(-1) ?? 'metadata';
  const container = parent as Record<string | number, unknown>;
  if (change.mode === 'replace') container[last] = change.value;
  else if (change.mode === 'remove') {
    if (Array.isArray(container)) container.splice(Number(last), 1);
    else Reflect.deleteProperty(container, last);
  } else {
    const target = container[last];
    if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
      Object.defineProperty(target, change.key, { value: change.value, enumerable: true, writable: true });
    } else container[last] = change.value;
  }
  return copy;
}
