import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatKubectlError } from '../../api/status.ts';
import type { KubeObject, WriteContext } from './strategy.ts';
import { deploymentStrategy, podStrategy } from './workload-strategy.ts';

const context: WriteContext = { dryRun: false, now: new Date(0) };

/** The body `kubectl create deployment hello-livefire --image=nginx:1.25 --replicas=2 --port=8080` sends. */
const createDeploymentBody = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'hello-livefire', namespace: 'default', labels: { app: 'hello-livefire' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'hello-livefire' } },
    template: {
      metadata: { labels: { app: 'hello-livefire' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 8080 }], resources: {} }] },
    },
    strategy: {},
  },
  status: {},
} as KubeObject;

test('a Deployment gets the v1 defaults of the reference', () => {
  const admission = deploymentStrategy.admitCreate(createDeploymentBody, context);
  assert.ok(admission.ok);
  const spec = admission.object['spec'] as Record<string, unknown> & { template: { spec: Record<string, unknown> } };
  assert.equal(spec['replicas'], 2);
  assert.equal(spec['revisionHistoryLimit'], 10);
  assert.equal(spec['progressDeadlineSeconds'], 600);
  assert.deepEqual(spec['strategy'], {
    type: 'RollingUpdate',
    rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
  });
  const podSpec = spec.template.spec;
  assert.equal(podSpec['restartPolicy'], 'Always');
  assert.equal(podSpec['terminationGracePeriodSeconds'], 30);
  assert.equal(podSpec['dnsPolicy'], 'ClusterFirst');
  assert.equal(podSpec['schedulerName'], 'default-scheduler');
  assert.deepEqual(podSpec['containers'], [
    {
      name: 'nginx',
      image: 'nginx:1.25',
      ports: [{ containerPort: 8080, protocol: 'TCP' }],
      resources: {},
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      imagePullPolicy: 'IfNotPresent',
    },
  ]);
});

test('a selector that does not match the template is refused with upstream words', () => {
  const body = structuredClone(createDeploymentBody) as { spec: { selector: { matchLabels: Record<string, string> } } };
  body.spec.selector.matchLabels = { app: 'other' };
  const admission = deploymentStrategy.admitCreate(body, context);
  assert.ok(!admission.ok);
  assert.equal(
    formatKubectlError(admission.status),
    'The Deployment "hello-livefire" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"hello-livefire"}: `selector` does not match template `labels`',
  );
});

test('pods start Pending, need an image, and may change only images on update', () => {
  const pod = {
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'x' }] },
  } as KubeObject;
  const created = podStrategy.admitCreate(pod, context);
  assert.ok(created.ok);
  assert.deepEqual(created.object['status'], { phase: 'Pending', qosClass: 'BestEffort' });
  assert.equal((created.object['spec'] as { enableServiceLinks: boolean }).enableServiceLinks, true);
  const noImage = podStrategy.admitCreate({ ...pod, spec: { containers: [{ name: 'c' }] } }, context);
  assert.ok(!noImage.ok);
  assert.equal(noImage.status.details?.causes?.[0]?.field, 'spec.containers[0].image');
  // Bound to n1: setting nodeName once is a binding (allowed); moving the pod to n2 is not.
  const stored: KubeObject = {
    ...created.object,
    metadata: { ...created.object.metadata, uid: 'u', resourceVersion: '3' },
    spec: { ...(created.object['spec'] as object), nodeName: 'n1' },
  };
  const moved = podStrategy.admitUpdate(
    { ...stored, spec: { ...(stored['spec'] as object), nodeName: 'n2' } },
    stored,
    context,
  );
  assert.ok(!moved.ok);
  const newImage = podStrategy.admitUpdate(
    {
      ...stored,
      spec: {
        ...(stored['spec'] as object),
        containers: [{ ...(stored['spec'] as { containers: object[] }).containers[0], image: 'y' }],
      },
    },
    stored,
    context,
  );
  assert.ok(newImage.ok, newImage.ok ? '' : newImage.status.message);
});
