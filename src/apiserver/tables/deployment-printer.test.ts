import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { deploymentPrinter } from './deployment-printer.ts';
import { replicaSetPrinter } from './replicaset-printer.ts';
import { ago, HOUR, NOW } from './testing.ts';

const template = {
  metadata: { labels: { app: 'hello' } },
  spec: {
    containers: [
      { name: 'app', image: 'nginx:1.25' },
      { name: 'side', image: 'busybox' },
    ],
  },
};

function deployment(spec: Partial<Deployment['spec']>, status?: Deployment['status']): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'hello', creationTimestamp: ago(5 * HOUR) },
    spec: { selector: { matchLabels: { app: 'hello' } }, template, ...spec },
    ...(status === undefined ? {} : { status }),
  };
}

test('Deployment columns: Up-to-date and Available are declared strings', () => {
  assert.deepEqual(
    deploymentPrinter.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Ready', 'string', 0],
      ['Up-to-date', 'string', 0],
      ['Available', 'string', 0],
      ['Age', 'string', 0],
      ['Containers', 'string', 1],
      ['Images', 'string', 1],
      ['Selector', 'string', 1],
    ],
  );
});

test('Deployment cells: ready/desired, integers as numbers, containers, images, selector', () => {
  const d = deployment({ replicas: 2 }, { readyReplicas: 2, updatedReplicas: 2, availableReplicas: 1, replicas: 2 });
  assert.deepEqual(deploymentPrinter.cells(d, NOW), [
    'hello',
    '2/2',
    2,
    1,
    '5h',
    'app,side',
    'nginx:1.25,busybox',
    'app=hello',
  ]);
});

test('Deployment without status prints 0/N and zeros; a missing replicas count is the default 1', () => {
  assert.deepEqual(deploymentPrinter.cells(deployment({ replicas: 2 }), NOW).slice(1, 4), ['0/2', 0, 0]);
  assert.equal(deploymentPrinter.cells(deployment({}), NOW)[1], '0/1');
});

test('Deployment selector: expressions sorted by key; invalid prints <invalid>; none prints ""', () => {
  const selector = {
    matchLabels: { tier: 'web' },
    matchExpressions: [
      { key: 'env', operator: 'In', values: ['b', 'a'] },
      { key: 'canary', operator: 'DoesNotExist' },
    ],
  };
  assert.equal(deploymentPrinter.cells(deployment({ selector }), NOW)[7], '!canary,env in (a,b),tier=web');
  const invalid = { matchExpressions: [{ key: 'env', operator: 'Near', values: ['x'] }] };
  assert.equal(deploymentPrinter.cells(deployment({ selector: invalid }), NOW)[7], '<invalid>');
  const noSelector = { ...deployment({}), spec: { template } } as unknown as Deployment;
  assert.equal(deploymentPrinter.cells(noSelector, NOW)[7], '');
});

function replicaSet(spec: Partial<ReplicaSet['spec']>, status?: ReplicaSet['status']): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'hello-5d8f', creationTimestamp: ago(2 * HOUR) },
    spec: { selector: { matchLabels: { app: 'hello', 'pod-template-hash': '5d8f' } }, template, ...spec },
    ...(status === undefined ? {} : { status }),
  };
}

test('ReplicaSet: Desired/Current/Ready are integer columns holding numbers', () => {
  assert.deepEqual(
    replicaSetPrinter.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Desired', 'integer', 0],
      ['Current', 'integer', 0],
      ['Ready', 'integer', 0],
      ['Age', 'string', 0],
      ['Containers', 'string', 1],
      ['Images', 'string', 1],
      ['Selector', 'string', 1],
    ],
  );
  const rs = replicaSet({ replicas: 3 }, { replicas: 3, readyReplicas: 2 });
  assert.deepEqual(replicaSetPrinter.cells(rs, NOW), [
    'hello-5d8f',
    3,
    3,
    2,
    '120m',
    'app,side',
    'nginx:1.25,busybox',
    'app=hello,pod-template-hash=5d8f',
  ]);
});

test('ReplicaSet selector uses FormatLabelSelector: <none> for an empty one, <error> for a bad one', () => {
  assert.equal(replicaSetPrinter.cells(replicaSet({ selector: {} }), NOW)[7], '<none>');
  const bad = { matchExpressions: [{ key: 'a', operator: 'In' }] };
  assert.equal(replicaSetPrinter.cells(replicaSet({ selector: bad }), NOW)[7], '<error>');
  assert.deepEqual(replicaSetPrinter.cells(replicaSet({ replicas: 0 }), NOW).slice(1, 4), [0, 0, 0]);
});
