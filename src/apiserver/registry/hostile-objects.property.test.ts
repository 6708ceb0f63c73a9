/**
 * Property: no object, however hostile, makes a strategy throw. Each kind's good object is mutated at random
 * places (any JSON-ish value where a string, number, list or map was), and every admit hook must answer either
 * an admission or a 422 Invalid Status.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { findResource } from '../resources.ts';
import { genericStrategy } from './generic.ts';
import type { Admission, KubeObject, Strategy, WriteContext } from './strategy.ts';
import { deploymentStrategy, podStrategy, replicaSetStrategy } from './workload-strategy.ts';

const context: WriteContext = { dryRun: false, now: new Date(0) };
const clusterMeta = { name: 'x', resourceVersion: '1', uid: 'u', labels: { app: 'x' } };
const meta = { ...clusterMeta, namespace: 'default' };
const container = {
  name: 'c',
  image: 'nginx',
  ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }],
  env: [{ name: 'A', value: 'b' }],
  readinessProbe: { httpGet: { path: '/', port: 80 } },
  resources: { limits: { cpu: '1' } },
};
const podSpec = { containers: [container], tolerations: [{ key: 'k', operator: 'Exists' }], nodeName: 'n1' };
const template = { metadata: { labels: { app: 'x' } }, spec: podSpec };

/** A good object per kind, and the strategy that admits it. */
const cases: readonly { name: string; strategy: Strategy; object: KubeObject }[] = [
  {
    name: 'Pod',
    strategy: podStrategy,
    object: { metadata: meta, spec: podSpec, status: { podIPs: [{ ip: '10.0.0.1' }] } },
  },
  {
    name: 'Deployment',
    strategy: deploymentStrategy,
    object: {
      metadata: meta,
      spec: { selector: { matchLabels: { app: 'x' } }, template, strategy: { type: 'RollingUpdate' } },
    },
  },
  {
    name: 'ReplicaSet',
    strategy: replicaSetStrategy,
    object: { metadata: meta, spec: { selector: { matchLabels: { app: 'x' } }, template } },
  },
  {
    name: 'EndpointSlice',
    strategy: genericStrategy(resource('discovery.k8s.io', 'endpointslices')),
    object: {
      metadata: meta,
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true }, hints: { forZones: [{ name: 'a' }] } }],
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    },
  },
  {
    name: 'Endpoints',
    strategy: genericStrategy(resource('', 'endpoints')),
    object: { metadata: meta, subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] },
  },
  {
    name: 'Node',
    strategy: genericStrategy(resource('', 'nodes')),
    object: {
      metadata: clusterMeta,
      spec: { podCIDRs: ['10.244.1.0/24'], taints: [{ key: 'k', effect: 'NoSchedule' }] },
      status: {
        addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
        daemonEndpoints: { kubeletEndpoint: { Port: 1 } },
      },
    },
  },
  {
    name: 'Namespace',
    strategy: genericStrategy(resource('', 'namespaces')),
    object: { metadata: clusterMeta, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } },
  },
  {
    name: 'Lease',
    strategy: genericStrategy(resource('coordination.k8s.io', 'leases')),
    object: {
      metadata: meta,
      spec: { holderIdentity: 'n1', leaseDurationSeconds: 40, renewTime: '2026-01-01T00:00:00Z' },
    },
  },
  {
    name: 'Event',
    strategy: genericStrategy(resource('', 'events')),
    object: { metadata: meta, involvedObject: { kind: 'Pod', namespace: 'default', name: 'x' }, reason: 'R' },
  },
];

function resource(group: string, plural: string): NonNullable<ReturnType<typeof findResource>> {
  const info = findResource(group, plural);
  if (info === undefined) throw new Error(`${plural} is not served`);
  return info;
}

/** Every path to a value inside `value` (the root included). */
function pathsOf(value: unknown, prefix: readonly (string | number)[] = []): (string | number)[][] {
  const paths: (string | number)[][] = [[...prefix]];
  if (typeof value !== 'object' || value === null) return paths;
  for (const [key, child] of Object.entries(value)) {
    paths.push(...pathsOf(child, [...prefix, Array.isArray(value) ? Number(key) : key]));
  }
  return paths;
}

/** `base` with the values at the chosen paths replaced (a body is always an object, so never the root). */
function mutate(base: KubeObject, edits: readonly [number, unknown][]): unknown {
  const object: unknown = structuredClone(base);
  for (const [pick, replacement] of edits) {
    const paths = pathsOf(object).slice(1);
    const path = paths[pick % paths.length] ?? [];
    if (path.length === 0) continue;
    let parent = object as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    parent[path[path.length - 1] ?? 0] = replacement;
  }
  return object;
}

const hostileValue = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.constantFrom(1e300, -1, 0, 70000, 2 ** 53, 1.5, '', '../../x', '80\n-A X', '127.0.0.1#', [], {}, null),
);

function assertAnswered(admission: Admission): void {
  if (admission.ok) return;
  assert.equal(admission.status.code, 422, admission.status.message);
  assert.ok((admission.status.details?.causes ?? []).length > 0, admission.status.message);
}

for (const { name, strategy, object } of cases) {
  test(`${name}: hostile objects get field errors, never an exception`, () => {
    assertAnswered(strategy.admitCreate(object, context));
    const details = fc.check(
      fc.property(fc.array(fc.tuple(fc.nat(), hostileValue), { minLength: 1, maxLength: 4 }), (edits) => {
        const hostile = mutate(object, edits) as KubeObject;
        assertAnswered(strategy.admitCreate(hostile, context));
        assertAnswered(strategy.admitUpdate(hostile, object, context));
        assertAnswered(strategy.admitStatusUpdate(hostile, object, context));
      }),
      { numRuns: 300 },
    );
    // The cause, not just the counterexample, so a failure says what threw.
    assert.equal(details.failed, false, `${String(details.errorInstance)}\n${JSON.stringify(details.counterexample)}`);
  });
}
