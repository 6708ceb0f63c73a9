/**
 * The ReplicaSets of a Deployment, as pure functions: the new one's name, labels, selector and annotations
 * (`<deploy>-<pod-template-hash>`), which existing one matches the template, and revisions.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.d.ts';
import type { KubeObject } from './client.ts';
import { canonicalJson, computeHash } from './hash.ts';
import { as, controllerReference } from './objects.ts';
import { desiredReplicas, rolloutBounds } from './rollout.ts';

/** The label (and selector key) that ties a ReplicaSet and its pods to one template. */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
/** The revision annotation on Deployments and ReplicaSets. */
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
/** The Deployment's replicas when the ReplicaSet was last sized. */
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
/** replicas + maxSurge when the ReplicaSet was last sized. */
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';

// Annotations a Deployment keeps to itself (`skipCopyAnnotation` upstream).
const notCopied = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
]);

/** A template without its pod-template-hash label, for comparing a ReplicaSet's template with the Deployment's. */
function withoutHash(template: PodTemplateSpec | undefined): unknown {
  const labels = Object.fromEntries(
    Object.entries(template?.metadata?.labels ?? {}).filter(([key]) => key !== POD_TEMPLATE_HASH_LABEL),
  );
  return { ...template, metadata: { ...template?.metadata, labels } };
}

/** Whether the ReplicaSet runs the Deployment's current template (`EqualIgnoreHash`). */
export function runsTemplate(rs: KubeObject, deployment: KubeObject): boolean {
  const a = withoutHash(as<ReplicaSet>(rs).spec?.template);
  const b = withoutHash(as<Deployment>(deployment).spec?.template);
  return canonicalJson(a) === canonicalJson(b);
}

/** A ReplicaSet's revision annotation as a number (0 when missing). */
export function revisionOf(object: KubeObject): number {
  const annotations = (object.metadata['annotations'] ?? {}) as Record<string, string>;
  const revision = Number(annotations[REVISION_ANNOTATION] ?? '0');
  return Number.isInteger(revision) ? revision : 0;
}

/** The annotations a Deployment's ReplicaSet carries for `revision`. */
export function replicaSetAnnotations(deployment: KubeObject, revision: number): Record<string, string> {
  const own = (deployment.metadata['annotations'] ?? {}) as Record<string, string>;
  const copied = Object.fromEntries(Object.entries(own).filter(([key]) => !notCopied.has(key)));
  const d = as<Deployment>(deployment);
  return {
    ...copied,
    [DESIRED_REPLICAS_ANNOTATION]: String(desiredReplicas(d)),
    [MAX_REPLICAS_ANNOTATION]: String(desiredReplicas(d) + rolloutBounds(d).maxSurge),
    [REVISION_ANNOTATION]: String(revision),
  };
}

/** The new ReplicaSet `<deploy>-<hash>` for the Deployment's template, with `replicas` pods. */
export function newReplicaSetBody(deployment: KubeObject, revision: number, replicas: number): Record<string, unknown> {
  const d = as<Deployment>(deployment);
  const collisionCount = d.status?.collisionCount;
  const hash = computeHash(d.spec?.template, collisionCount);
  const template = d.spec?.template;
  const labels = { ...template?.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash };
  const selector = d.spec?.selector;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${deployment.metadata.name}-${hash}`,
      namespace: deployment.metadata.namespace,
      labels,
      annotations: replicaSetAnnotations(deployment, revision),
      ownerReferences: [controllerReference(deployment, 'apps/v1', 'Deployment')],
    },
    spec: {
      replicas,
      ...(d.spec?.minReadySeconds === undefined ? {} : { minReadySeconds: d.spec.minReadySeconds }),
      selector: { ...selector, matchLabels: { ...selector?.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash } },
      template: { ...template, metadata: { ...template?.metadata, labels } },
    },
  };
}
