/** Deleting objects: one by name (a Namespace takes its contents with it), or a whole filtered collection. */
import { type Status, conflict, notFound } from '../../api/status.ts';
import { isStoreError } from '../../store/errors.ts';
import type { Stored } from '../../store/types.ts';
import type { KubeObject } from '../registry/strategy.ts';
import { type ResourceInfo, resources } from '../resources.ts';
import type { RegistryContext } from './context.ts';
import { gracefulStep } from './graceful.ts';
import { collectionPrefix } from './keys.ts';
import { metaString } from './objects.ts';
import { getObject, groupResource } from './read.ts';
import { type Result, fail, ok, storeFailure } from './result.ts';

/** `DeleteOptions` as far as they matter here. */
export interface DeleteRequest {
  readonly dryRun: boolean;
  /** `gracePeriodSeconds`: only resources with graceful deletion (Pods) use it. */
  readonly gracePeriodSeconds?: number;
  readonly preconditions?: { readonly uid?: string; readonly resourceVersion?: string };
}

// The NamespaceLifecycle admission plugin keeps these forever.
const immortalNamespaces = new Set(['default', 'kube-system', 'kube-public']);

function forbiddenNamespaceDelete(name: string): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `namespaces "${name}" is forbidden: this namespace may not be deleted`,
    reason: 'Forbidden',
    details: { name, kind: 'namespaces' },
    code: 403,
  };
}

function isNamespace(info: ResourceInfo): boolean {
  return info.group === '' && info.plural === 'namespaces';
}

function checkPreconditions(info: ResourceInfo, old: Stored, request: DeleteRequest): Result<undefined> {
  const name = metaString(old.object, 'name');
  const { uid, resourceVersion } = request.preconditions ?? {};
  const oldUid = metaString(old.object, 'uid');
  if (uid !== undefined && uid !== oldUid) {
    const detail = `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${oldUid}`;
    return fail(conflict(groupResource(info), name, detail));
  }
  const oldVersion = old.object.metadata.resourceVersion;
  if (resourceVersion !== undefined && resourceVersion !== oldVersion) {
    const detail = `Precondition failed: ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in object meta: ${oldVersion}`;
    return fail(conflict(groupResource(info), name, detail));
  }
  return ok(undefined);
}

/**
 * Deletes one object and returns its last state (stamped with the deletion's resourceVersion) — or, when its
 * strategy grants a grace period, marks it terminating and returns it as stored.
 */
export async function deleteObject(
  context: RegistryContext,
  info: ResourceInfo,
  namespace: string,
  name: string,
  request: DeleteRequest,
): Promise<Result<KubeObject>> {
  if (isNamespace(info) && immortalNamespaces.has(name)) return fail(forbiddenNamespaceDelete(name));
  const old = await getObject(context, info, namespace, name);
  if (!old.ok) return old;
  const pre = checkPreconditions(info, old.value, request);
  if (!pre.ok) return pre;
  const step = gracefulStep(context.strategyFor(info), old.value.object, request.gracePeriodSeconds, context.now());
  if (step.kind === 'pending') return ok(old.value.object);
  if (request.dryRun) return ok(step.kind === 'mark' ? step.object : old.value.object);
  if (step.kind === 'mark') return markTerminating(context, info, old.value, step.object);
  // Namespaces are removed at once with everything in them (no Terminating phase, no finalizer controller).
  if (isNamespace(info)) await deleteNamespaceContents(context, name);
  return removeStored(context, info, old.value);
}

async function markTerminating(
  context: RegistryContext,
  info: ResourceInfo,
  old: Stored,
  object: KubeObject,
): Promise<Result<KubeObject>> {
  try {
    const stored = await context.store.update(old.key, object, { expectedRevision: old.modRevision });
    return ok(stored.object);
  } catch (error) {
    const name = metaString(old.object, 'name');
    if (isStoreError(error, 'NotFound')) return fail(notFound(groupResource(info), name));
    if (isStoreError(error, 'Conflict')) return fail(conflict(groupResource(info), name));
    return storeFailure(error);
  }
}

async function removeStored(context: RegistryContext, info: ResourceInfo, old: Stored): Promise<Result<KubeObject>> {
  try {
    const deleted = await context.store.delete(old.key, { expectedRevision: old.modRevision });
    context.strategyFor(info).afterDelete(deleted.object);
    return ok(deleted.object);
  } catch (error) {
    const name = metaString(old.object, 'name');
    if (isStoreError(error, 'NotFound')) return fail(notFound(groupResource(info), name));
    if (isStoreError(error, 'Conflict')) return fail(conflict(groupResource(info), name));
    return storeFailure(error);
  }
}

async function deleteNamespaceContents(context: RegistryContext, namespace: string): Promise<void> {
  for (const info of resources.filter((r) => r.namespaced)) {
    const { items } = await context.store.list(collectionPrefix(info, namespace));
    for (const item of items) await removeStored(context, info, item);
  }
}

/** Deletes every listed object (deletecollection), skipping those already gone; returns what was deleted. */
export async function deleteMany(
  context: RegistryContext,
  info: ResourceInfo,
  items: readonly Stored[],
  request: DeleteRequest,
): Promise<Result<KubeObject[]>> {
  const deleted: KubeObject[] = [];
  for (const item of items) {
    const name = metaString(item.object, 'name');
    const namespace = metaString(item.object, 'namespace');
    const { dryRun, gracePeriodSeconds } = request;
    const options = gracePeriodSeconds === undefined ? { dryRun } : { dryRun, gracePeriodSeconds };
    const result = await deleteObject(context, info, namespace, name, options);
    if (result.ok) deleted.push(result.value);
    else if (result.status.reason !== 'NotFound' && result.status.reason !== 'Forbidden') return result;
  }
  return ok(deleted);
}
