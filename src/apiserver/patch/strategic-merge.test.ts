import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JsonObject } from './json.ts';
import {
  DEPLOYMENT_PATCH_SCHEMA,
  ENDPOINT_SLICE_PATCH_SCHEMA,
  POD_PATCH_SCHEMA,
  SERVICE_PATCH_SCHEMA,
} from './schemas.ts';
import type { PatchSchema } from './schema.ts';
import { applyStrategicMergePatch } from './strategic-merge.ts';
import { deepFreeze } from './testing.ts';

function merge(target: unknown, patch: unknown, schema: PatchSchema): JsonObject {
  const result = applyStrategicMergePatch(deepFreeze(target), deepFreeze(patch), schema);
  if (!result.ok) assert.fail(result.error.detail);
  assert.doesNotMatch(JSON.stringify(result.value), /"\$/, 'no directive may be stored');
  return result.value;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const liveService = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web-svc', namespace: 'default', annotations: { [LAST_APPLIED]: '{"old":true}\n' } },
  spec: {
    type: 'ClusterIP',
    clusterIP: '10.96.0.20',
    clusterIPs: ['10.96.0.20'],
    selector: { app: 'web' },
    ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }],
  },
};

test('kubectl apply on a Service: the $setElementOrder/ports patch from the probe', () => {
  const patch = {
    metadata: { annotations: { [LAST_APPLIED]: '{"new":true}\n' } },
    spec: { '$setElementOrder/ports': [{ port: 80 }], ports: [{ port: 80, targetPort: 9090 }] },
  };
  const result = merge(liveService, patch, SERVICE_PATCH_SCHEMA);
  assert.deepEqual(result, {
    ...liveService,
    metadata: { ...liveService.metadata, annotations: { [LAST_APPLIED]: '{"new":true}\n' } },
    spec: { ...liveService.spec, ports: [{ port: 80, protocol: 'TCP', targetPort: 9090 }] },
  });
});

const liveDeployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'hello' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'hello' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: {
      metadata: { labels: { app: 'hello' } },
      spec: {
        containers: [
          { name: 'app', image: 'nginx:1.25', env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80 }] },
          { name: 'side', image: 'busybox', args: ['sleep', '3600'] },
        ],
      },
    },
  },
};

test('kubectl apply on a Deployment: the containers/env patch from the probe', () => {
  const patch = {
    spec: {
      template: {
        spec: {
          '$setElementOrder/containers': [{ name: 'app' }, { name: 'side' }],
          containers: [
            {
              '$setElementOrder/env': [{ name: 'A' }],
              env: [{ name: 'A', value: '2' }],
              image: 'nginx:1.27',
              name: 'app',
            },
          ],
        },
      },
    },
  };
  const result = merge(liveDeployment, patch, DEPLOYMENT_PATCH_SCHEMA);
  const containers = (result.spec as { template: { spec: { containers: unknown } } }).template.spec.containers;
  assert.deepEqual(containers, [
    { name: 'app', image: 'nginx:1.27', env: [{ name: 'A', value: '2' }], ports: [{ containerPort: 80 }] },
    { name: 'side', image: 'busybox', args: ['sleep', '3600'] },
  ]);
});

test('$patch: delete on a list item removes it by merge key', () => {
  const patch = {
    spec: {
      template: {
        spec: {
          '$setElementOrder/containers': [{ name: 'app' }],
          containers: [{ $patch: 'delete', name: 'side' }],
        },
      },
    },
  };
  const result = merge(liveDeployment, patch, DEPLOYMENT_PATCH_SCHEMA);
  const spec = (result.spec as { template: { spec: { containers: { name: string }[] } } }).template.spec;
  assert.deepEqual(
    spec.containers.map((c) => c.name),
    ['app'],
  );
  const env = merge(
    liveDeployment,
    { spec: { template: { spec: { containers: [{ name: 'app', env: [{ name: 'A', $patch: 'delete' }] }] } } } },
    DEPLOYMENT_PATCH_SCHEMA,
  );
  assert.deepEqual(
    (env.spec as { template: { spec: { containers: { env?: unknown }[] } } }).template.spec.containers[0]?.env,
    [],
  );
});

test('$retainKeys clears the keys it does not list (a Deployment strategy switch)', () => {
  const patch = { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } };
  const result = merge(liveDeployment, patch, DEPLOYMENT_PATCH_SCHEMA);
  assert.deepEqual((result.spec as JsonObject).strategy, { type: 'Recreate' });
});

test('$deleteFromPrimitiveList removes finalizers; a plain finalizers list is a union', () => {
  const pod = { metadata: { name: 'p', finalizers: ['a.example.com/x', 'b.example.com/y'] } };
  const removed = merge(
    pod,
    { metadata: { '$deleteFromPrimitiveList/finalizers': ['a.example.com/x'] } },
    POD_PATCH_SCHEMA,
  );
  assert.deepEqual((removed.metadata as JsonObject).finalizers, ['b.example.com/y']);
  const added = merge(pod, { metadata: { finalizers: ['c.example.com/z', 'a.example.com/x'] } }, POD_PATCH_SCHEMA);
  assert.deepEqual((added.metadata as JsonObject).finalizers, [
    'c.example.com/z',
    'a.example.com/x',
    'b.example.com/y',
  ]);
  const none = merge(
    { metadata: {} },
    { metadata: { '$deleteFromPrimitiveList/finalizers': ['x'] } },
    POD_PATCH_SCHEMA,
  );
  assert.deepEqual(none, { metadata: {} });
});

test('null deletes a field, at any depth; a null for a missing field is ignored', () => {
  const patch = { metadata: { annotations: { [LAST_APPLIED]: null }, labels: null }, spec: { selector: null } };
  const result = merge(liveService, patch, SERVICE_PATCH_SCHEMA);
  assert.deepEqual(result.metadata, { name: 'web-svc', namespace: 'default', annotations: {} });
  assert.equal('selector' in (result.spec as JsonObject), false);
});

test('lists without a merge key are replaced whole', () => {
  const svc = { spec: { externalIPs: ['192.0.2.1', '192.0.2.2'] } };
  assert.deepEqual(merge(svc, { spec: { externalIPs: ['192.0.2.9'] } }, SERVICE_PATCH_SCHEMA), {
    spec: { externalIPs: ['192.0.2.9'] },
  });
  const pod = {
    spec: { tolerations: [{ key: 'a', operator: 'Exists' }], containers: [{ name: 'c', args: ['x', 'y'] }] },
  };
  const result = merge(
    pod,
    { spec: { tolerations: [{ key: 'b', operator: 'Exists' }], containers: [{ name: 'c', args: ['z'] }] } },
    POD_PATCH_SCHEMA,
  );
  assert.deepEqual(result, {
    spec: { tolerations: [{ key: 'b', operator: 'Exists' }], containers: [{ name: 'c', args: ['z'] }] },
  });
  const slice = { endpoints: [{ addresses: ['10.0.0.1'] }, { addresses: ['10.0.0.2'] }] };
  assert.deepEqual(merge(slice, { endpoints: [{ addresses: ['10.0.0.3'] }] }, ENDPOINT_SLICE_PATCH_SCHEMA), {
    endpoints: [{ addresses: ['10.0.0.3'] }],
  });
});

test('merged lists: matching items merge, new ones are added, the rest stay where they were', () => {
  const svc = {
    spec: {
      ports: [
        { port: 80, name: 'http' },
        { port: 443, name: 'https' },
        { port: 8080, name: 'alt' },
      ],
    },
  };
  const result = merge(
    svc,
    {
      spec: {
        ports: [
          { port: 8080, targetPort: 9000 },
          { port: 80, targetPort: 8000 },
          { port: 53, protocol: 'UDP' },
        ],
      },
    },
    SERVICE_PATCH_SCHEMA,
  );
  assert.deepEqual((result.spec as JsonObject).ports, [
    { port: 443, name: 'https' },
    { port: 8080, name: 'alt', targetPort: 9000 },
    { port: 80, name: 'http', targetPort: 8000 },
    { port: 53, protocol: 'UDP' },
  ]);
});

test('$setElementOrder alone reorders a merged list', () => {
  const svc = { spec: { ports: [{ port: 80 }, { port: 443 }, { port: 8080 }] } };
  const result = merge(
    svc,
    { spec: { '$setElementOrder/ports': [{ port: 443 }, { port: 80 }, { port: 8080 }] } },
    SERVICE_PATCH_SCHEMA,
  );
  assert.deepEqual((result.spec as JsonObject).ports, [{ port: 443 }, { port: 80 }, { port: 8080 }]);
});

test('$patch: replace replaces a list or a map; $patch: delete empties a map', () => {
  const list = merge(
    liveDeployment,
    { spec: { template: { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } } } },
    DEPLOYMENT_PATCH_SCHEMA,
  );
  assert.deepEqual((list.spec as { template: { spec: { containers: unknown } } }).template.spec.containers, [
    { name: 'only', image: 'x' },
  ]);
  const map = merge(liveService, { spec: { selector: { $patch: 'replace', tier: 'db' } } }, SERVICE_PATCH_SCHEMA);
  assert.deepEqual((map.spec as JsonObject).selector, { tier: 'db' });
  const gone = merge(liveService, { spec: { selector: { $patch: 'delete' } } }, SERVICE_PATCH_SCHEMA);
  assert.deepEqual((gone.spec as JsonObject).selector, {});
  const explicit = merge(liveService, { spec: { selector: { $patch: 'merge', tier: 'db' } } }, SERVICE_PATCH_SCHEMA);
  assert.deepEqual((explicit.spec as JsonObject).selector, { app: 'web', tier: 'db' });
});

test('directives inside values new to the object are dropped, not stored', () => {
  const bare = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'ClusterIP' } };
  const patch = {
    metadata: { labels: { a: 'b', gone: null } },
    spec: {
      '$setElementOrder/ports': [{ port: 80 }],
      ports: [
        { port: 80, targetPort: 8080 },
        { port: 81, $patch: 'delete' },
      ],
    },
  };
  const result = merge(bare, patch, SERVICE_PATCH_SCHEMA);
  assert.deepEqual(result, {
    ...bare,
    metadata: { name: 's', labels: { a: 'b' } },
    spec: { type: 'ClusterIP', ports: [{ port: 80, targetPort: 8080 }] },
  });
});

test('an empty or null patch changes nothing', () => {
  assert.deepEqual(merge(liveService, {}, SERVICE_PATCH_SCHEMA), liveService);
  assert.deepEqual(merge(liveService, null, SERVICE_PATCH_SCHEMA), liveService);
});
