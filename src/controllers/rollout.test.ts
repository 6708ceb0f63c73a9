import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { newReplicaSetTarget, oldReplicaSetTargets, rolloutBounds, scaledValue } from './rollout.ts';

const deployment = (
  replicas: number,
  maxSurge: number | string = '25%',
  maxUnavailable: number | string = '25%',
): Deployment => ({
  spec: {
    replicas,
    selector: {},
    template: {},
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } },
  },
});
const rs = (replicas: number, available: number): ReplicaSet => ({
  spec: { replicas, selector: {} },
  status: { replicas, availableReplicas: available },
});

test('percentages round up for surge and down for unavailability; both zero means one unavailable', () => {
  assert.equal(scaledValue('25%', 3, true), 1);
  assert.equal(scaledValue('25%', 3, false), 0);
  assert.deepEqual(rolloutBounds(deployment(3)), { maxSurge: 1, maxUnavailable: 0 });
  assert.deepEqual(rolloutBounds(deployment(3, 0, 0)), { maxSurge: 0, maxUnavailable: 1 });
  assert.deepEqual(rolloutBounds(deployment(10, 2, '50%')), { maxSurge: 2, maxUnavailable: 5 });
});

test('the new ReplicaSet grows only within replicas + maxSurge', () => {
  const d = deployment(3); // surge 1
  const newRS = rs(0, 0);
  const old = rs(3, 3);
  assert.equal(newReplicaSetTarget(d, newRS, [newRS, old]), 1);
  assert.equal(newReplicaSetTarget(d, rs(1, 0), [rs(1, 0), old]), 1);
  assert.equal(newReplicaSetTarget(d, rs(1, 1), [rs(1, 1), rs(2, 2)]), 2);
  assert.equal(newReplicaSetTarget(d, rs(5, 5), [rs(5, 5)]), 3);
});

test('old ReplicaSets shrink only as far as availability allows (maxUnavailable 0)', () => {
  const d = deployment(3); // surge 1, unavailable 0
  const old = rs(3, 3);
  assert.equal(oldReplicaSetTargets(d, rs(1, 0), [old]).get(old), 3, 'the new pod is not available yet');
  assert.equal(oldReplicaSetTargets(d, rs(1, 1), [old]).get(old), 2, 'one new pod available: one old may go');
  const unhealthy = rs(3, 1);
  assert.equal(oldReplicaSetTargets(d, rs(1, 1), [unhealthy]).get(unhealthy), 2, 'unavailable old pods go first');
});
