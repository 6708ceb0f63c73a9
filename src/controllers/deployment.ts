/**
 * The Deployment controller: one ReplicaSet per pod template (`<deploy>-<hash>`), sized by the rollout strategy
 * (RollingUpdate within maxSurge/maxUnavailable, or Recreate), old ones kept up to `revisionHistoryLimit`, and the
 * Deployment's status and revision annotation. Watches Deployments and ReplicaSets; writes ReplicaSets, the
 * Deployment's revision annotation and its status.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { type KubeObject, isApiError } from './client.ts';
import { type Controller, type ControllerContext, splitKey, timestamp } from './context.ts';
import {
  REVISION_ANNOTATION,
  newReplicaSetBody,
  replicaSetAnnotations,
  revisionOf,
  runsTemplate,
} from './deployment-replicasets.ts';
import { type ProgressEvent, deploymentStatus } from './deployment-status.ts';
import { objectKey } from '../client/informer.ts';
import { as, controllerOf, sameJson } from './objects.ts';
import { WorkQueue } from './queue.ts';
import { desiredReplicas, newReplicaSetTarget, oldReplicaSetTargets } from './rollout.ts';
import { createObserved, deleteObserved, updateObserved, updateStatusObserved } from './writes.ts';

const specReplicas = (rs: KubeObject): number => as<ReplicaSet>(rs).spec?.replicas ?? 0;
const isRecreate = (d: KubeObject): boolean => as<Deployment>(d).spec?.strategy?.type === 'Recreate';

/** The Deployment's ReplicaSets (by controller reference), oldest revision first. */
function owned(context: ControllerContext, d: KubeObject): KubeObject[] {
  return context.informers.replicaSets
    .list()
    .filter((rs) => rs.metadata.namespace === d.metadata.namespace && controllerOf(rs)?.uid === d.metadata.uid)
    .sort((a, b) => revisionOf(a) - revisionOf(b));
}

/** Sizes a ReplicaSet and stamps the Deployment's current annotations on it, if anything changed. */
async function resize(
  context: ControllerContext,
  d: KubeObject,
  rs: KubeObject,
  replicas: number,
  revision = revisionOf(rs),
): Promise<KubeObject> {
  const annotations = {
    ...(rs.metadata['annotations'] as Record<string, string>),
    ...replicaSetAnnotations(d, revision),
  };
  if (specReplicas(rs) === replicas && sameJson(annotations, rs.metadata['annotations'])) return rs;
  const spec = { ...(rs['spec'] as Record<string, unknown>), replicas };
  const metadata = { ...rs.metadata, annotations };
  return updateObserved(context.client, context.informers.replicaSets, { ...rs, metadata, spec });
}

/** Creates the new ReplicaSet; a namesake with another template is a hash collision, counted in the status. */
async function createNew(
  context: ControllerContext,
  d: KubeObject,
  olds: KubeObject[],
): Promise<KubeObject | undefined> {
  const { client, informers } = context;
  const revision = Math.max(0, ...olds.map(revisionOf)) + 1;
  // The first ReplicaSet starts at full size; during a rollout the new one grows step by step.
  const first = olds.every((rs) => specReplicas(rs) === 0) && !isRecreate(d);
  const body = newReplicaSetBody(d, revision, first ? desiredReplicas(as<Deployment>(d)) : 0);
  try {
    return await createObserved(client, informers.replicaSets, d.metadata.namespace, body);
  } catch (error) {
    if (!isApiError(error, 409)) throw error;
    const collisionCount = (as<Deployment>(d).status?.collisionCount ?? 0) + 1;
    const status = { ...(d['status'] as object), collisionCount };
    await updateStatusObserved(client, informers.deployments, { ...d, status });
    return undefined;
  }
}

/** Recreate: every old pod gone before the new ReplicaSet grows. */
async function scaleRecreate(
  context: ControllerContext,
  d: KubeObject,
  newRS: KubeObject,
  olds: KubeObject[],
): Promise<void> {
  for (const rs of olds) await resize(context, d, rs, 0);
  const oldPods = olds.reduce((sum, rs) => sum + (as<ReplicaSet>(rs).status?.replicas ?? 0), 0);
  if (oldPods === 0) await resize(context, d, newRS, desiredReplicas(as<Deployment>(d)));
}

/** RollingUpdate: grow the new ReplicaSet within maxSurge, shrink the old ones within maxUnavailable. */
async function scaleRolling(
  context: ControllerContext,
  d: KubeObject,
  newRS: KubeObject,
  olds: KubeObject[],
): Promise<void> {
  const dep = as<Deployment>(d);
  const active = olds.filter((rs) => specReplicas(rs) > 0);
  if (active.length === 0) {
    await resize(context, d, newRS, desiredReplicas(dep));
    return;
  }
  const sets = [newRS, ...olds].map((rs) => as<ReplicaSet>(rs));
  const grown = await resize(context, d, newRS, newReplicaSetTarget(dep, as<ReplicaSet>(newRS), sets));
  const targets = oldReplicaSetTargets(
    dep,
    as<ReplicaSet>(grown),
    active.map((rs) => as<ReplicaSet>(rs)),
  );
  for (const rs of active) {
    const target = targets.get(as<ReplicaSet>(rs));
    if (target !== undefined && target !== specReplicas(rs)) await resize(context, d, rs, target);
  }
}

/** Deletes the oldest empty ReplicaSets beyond `revisionHistoryLimit`. */
async function cleanup(context: ControllerContext, d: KubeObject, olds: KubeObject[]): Promise<void> {
  const limit = as<Deployment>(d).spec?.revisionHistoryLimit ?? 10;
  const empty = olds.filter((rs) => specReplicas(rs) === 0 && (as<ReplicaSet>(rs).status?.replicas ?? 0) === 0);
  for (const rs of empty.slice(0, Math.max(empty.length - limit, 0)))
    await deleteObserved(context.client, context.informers.replicaSets, rs);
}

/** The Deployment's revision annotation (a main write), then its status (a `status` write), when they changed. */
async function writeStatus(
  context: ControllerContext,
  d: KubeObject,
  newRS: KubeObject,
  event: ProgressEvent,
): Promise<void> {
  const { client, informers } = context;
  const current = informers.deployments.get(d.metadata.namespace ?? '', d.metadata.name) ?? d;
  const revision = String(revisionOf(newRS));
  const annotations = (current.metadata['annotations'] ?? {}) as Record<string, string>;
  let latest = current;
  if (annotations[REVISION_ANNOTATION] !== revision) {
    const metadata = { ...current.metadata, annotations: { ...annotations, [REVISION_ANNOTATION]: revision } };
    latest = await updateObserved(client, informers.deployments, { ...current, metadata });
  }
  const status = deploymentStatus(latest, newRS, owned(context, latest), event, timestamp(context.clock));
  if (!sameJson(latest['status'] ?? {}, status))
    await updateStatusObserved(client, informers.deployments, { ...latest, status });
}

/** One pass over a Deployment: find or create the new ReplicaSet, scale, clean up, report. */
async function syncDeployment(context: ControllerContext, key: string): Promise<void> {
  const { namespace, name } = splitKey(key);
  const d = context.informers.deployments.get(namespace, name);
  if (d === undefined || d.metadata['deletionTimestamp'] !== undefined) return;
  const all = owned(context, d);
  let newRS = all.find((rs) => runsTemplate(rs, d));
  const olds = all.filter((rs) => rs !== newRS);
  let event: ProgressEvent = 'none';
  const newestOld = Math.max(0, ...olds.map(revisionOf));
  if (newRS === undefined) {
    newRS = await createNew(context, d, olds);
    if (newRS === undefined) return;
    event = 'created';
  } else if (revisionOf(newRS) <= newestOld) {
    // A rollback to an older template makes that ReplicaSet the newest revision again.
    newRS = await resize(context, d, newRS, specReplicas(newRS), newestOld + 1);
  }
  if (isRecreate(d)) await scaleRecreate(context, d, newRS, olds);
  else await scaleRolling(context, d, newRS, olds);
  const newUid = newRS.metadata.uid;
  await cleanup(
    context,
    d,
    owned(context, d).filter((rs) => rs.metadata.uid !== newUid),
  );
  const fresh = context.informers.replicaSets.get(namespace, newRS.metadata.name) ?? newRS;
  await writeStatus(context, d, fresh, event);
}

/** Starts watching for changes; `queue.start()` begins reconciling. */
export function deploymentController(context: ControllerContext): Controller {
  const queue = new WorkQueue(
    (key) => syncDeployment(context, key),
    (key, error) => {
      context.log(`deployment: ${key}: ${String(error)}`);
    },
  );
  context.informers.deployments.onChange((previous, current) => {
    const d = current ?? previous;
    if (d !== undefined) queue.add(objectKey(d));
  });
  context.informers.replicaSets.onChange((previous, current) => {
    for (const rs of [current, previous]) {
      const owner = rs === undefined ? undefined : controllerOf(rs);
      if (rs !== undefined && owner?.kind === 'Deployment') queue.add(`${rs.metadata.namespace ?? ''}/${owner.name}`);
    }
  });
  return { name: 'deployment', queue };
}
