import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type FieldError, fieldErrorString } from '../field-errors.ts';
import { validateDeployment, validateReplicaSet } from './workload.ts';

const lines = (errors: readonly FieldError[]): string[] => errors.map(fieldErrorString);

function template(containerName = 'web'): Record<string, unknown> {
  return {
    metadata: { labels: { app: 'web' } },
    spec: {
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      containers: [
        { name: containerName, image: 'nginx', imagePullPolicy: 'Always', terminationMessagePolicy: 'File' },
      ],
    },
  };
}

function deployment(spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: template(),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      ...spec,
    },
  };
}

test('a defaulted Deployment is valid', () => {
  assert.deepEqual(validateDeployment(deployment()), []);
});

test('counts, selector, template (validated as a pod template) and strategy', () => {
  const bad = deployment({
    replicas: -1,
    template: { ...template('Bad Name'), metadata: { labels: { app: 'other' } } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '0%' } },
    minReadySeconds: 700,
  });
  assert.deepEqual(lines(validateDeployment(bad)), [
    'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    'spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
    `spec.template.spec.containers[0].name: Invalid value: "Bad Name": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
    'spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds',
  ]);
});

test('a missing or empty selector, an unknown strategy, a template that must restart always', () => {
  const noSelector = { ...deployment(), spec: { ...(deployment()['spec'] as object), selector: undefined } };
  assert.deepEqual(lines(validateDeployment(noSelector)), ['spec.selector: Required value']);
  const empty = deployment({
    selector: {},
    strategy: { type: 'Blue' },
    template: { ...template(), spec: { ...(template()['spec'] as object), restartPolicy: 'Never' } },
  });
  assert.deepEqual(lines(validateDeployment(empty)), [
    'spec.selector: Invalid value: &v1.LabelSelector{}: empty selector is invalid for deployment',
    'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    'spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"Blue", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
  ]);
});

test('ReplicaSets: replicas, minReadySeconds, and the same template rules', () => {
  const rs = {
    metadata: { name: 'web-1', namespace: 'default' },
    spec: { replicas: 1, minReadySeconds: -3, selector: { matchLabels: { app: 'web' } }, template: template() },
  };
  assert.deepEqual(lines(validateReplicaSet(rs)), [
    'spec.minReadySeconds: Invalid value: -3: must be greater than or equal to 0',
  ]);
  const typed = { ...rs, spec: { ...rs.spec, replicas: '3' } };
  assert.deepEqual(lines(validateReplicaSet(typed)), [
    'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
  ]);
});
