/** A Deployment's status from its ReplicaSets: the counts `kubectl get deploy` shows and the two conditions. */
import type { Deployment, DeploymentCondition, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { KubeObject } from './client.ts';
import { as } from './objects.ts';
import { desiredReplicas, rolloutBounds } from './rollout.ts';

/** What happened in this sync that the Progressing condition reports. */
export type ProgressEvent = 'created' | 'updated' | 'none';

function condition(
  previous: readonly DeploymentCondition[],
  wanted: Omit<DeploymentCondition, 'lastUpdateTime' | 'lastTransitionTime'>,
  now: string,
): DeploymentCondition {
  const old = previous.find((c) => c.type === wanted.type);
  if (old?.status === wanted.status && old.reason === wanted.reason && old.message === wanted.message) return old;
  const lastTransitionTime = old?.status === wanted.status ? (old.lastTransitionTime ?? now) : now;
  return { ...wanted, lastUpdateTime: now, lastTransitionTime };
}

function sum(replicaSets: readonly ReplicaSet[], field: 'replicas' | 'readyReplicas' | 'availableReplicas'): number {
  return replicaSets.reduce((total, rs) => total + (rs.status?.[field] ?? 0), 0);
}

/** `Available` (enough pods up) and `Progressing` (where the rollout of `newRS` stands), in that order. */
function deploymentConditions(
  d: Deployment,
  name: string,
  counts: Readonly<Record<string, number>>,
  event: ProgressEvent,
  now: string,
): DeploymentCondition[] {
  const desired = desiredReplicas(d);
  const previous = d.status?.conditions ?? [];
  const availableOk = (counts['availableReplicas'] ?? 0) >= desired - rolloutBounds(d).maxUnavailable;
  const available = condition(
    previous,
    availableOk
      ? {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        }
      : {
          type: 'Available',
          status: 'False',
          reason: 'MinimumReplicasUnavailable',
          message: 'Deployment does not have minimum availability.',
        },
    now,
  );
  const complete =
    counts['updatedReplicas'] === desired && counts['replicas'] === desired && counts['availableReplicas'] === desired;
  const progress = complete
    ? { reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${name}" has successfully progressed.` }
    : event === 'created'
      ? { reason: 'NewReplicaSetCreated', message: `Created new replica set "${name}"` }
      : { reason: 'ReplicaSetUpdated', message: `ReplicaSet "${name}" is progressing.` };
  const progressing = condition(previous, { type: 'Progressing', status: 'True', ...progress }, now);
  return [available, progressing];
}

/** The status for this Deployment given its new ReplicaSet and all of its ReplicaSets. */
export function deploymentStatus(
  deployment: KubeObject,
  newRS: KubeObject,
  all: readonly KubeObject[],
  event: ProgressEvent,
  now: string,
): Record<string, unknown> {
  const d = as<Deployment>(deployment);
  const sets = all.map((rs) => as<ReplicaSet>(rs));
  const desired = desiredReplicas(d);
  const counts: Record<string, number> = {
    replicas: sum(sets, 'replicas'),
    updatedReplicas: as<ReplicaSet>(newRS).status?.replicas ?? 0,
    readyReplicas: sum(sets, 'readyReplicas'),
    availableReplicas: sum(sets, 'availableReplicas'),
    unavailableReplicas: Math.max(desired - sum(sets, 'availableReplicas'), 0),
  };
  const conditions = deploymentConditions(d, newRS.metadata.name, counts, event, now);
  const status: Record<string, unknown> = {};
  const generation = deployment.metadata['generation'];
  if (typeof generation === 'number') status['observedGeneration'] = generation;
  for (const [field, count] of Object.entries(counts)) if (count > 0) status[field] = count;
  status['conditions'] = conditions;
  if (d.status?.collisionCount !== undefined) status['collisionCount'] = d.status.collisionCount;
  return status;
}
