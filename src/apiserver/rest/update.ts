/** Updating an object (PUT, and the write half of PATCH): the generic steps of `Store.Update` around the strategy. */
import { badRequest, conflict } from '../../api/status.ts';
import { isStoreError } from '../../store/errors.ts';
import type { Stored } from '../../store/types.ts';
import type { KubeObject } from '../registry/strategy.ts';
import type { ResourceInfo } from '../resources.ts';
import type { RegistryContext, WriteOptions } from './context.ts';
import { optionalManager } from './create.ts';
import { cloneJson, jsonEqual, metaString, metadataOf } from './objects.ts';
import { getObject, groupResource } from './read.ts';
import { type Result, fail, ok, storeFailure } from './result.ts';
import { bumpGeneration, prepareUpdateMeta, stampTypeMeta, withTypeMeta } from './system-fields.ts';

/** Which part of the object a write may change: everything but status, or status only. */
export type UpdateMode = 'main' | 'status';

/** The stored (or, for a dry run, would-be) object. */
export interface Updated {
  readonly object: KubeObject;
}

/** 400 when the body names another object than the URL (upstream's `checkName`). */
export function checkBodyIdentity(
  info: ResourceInfo,
  body: KubeObject,
  namespace: string,
  name: string,
): Result<undefined> {
  const objName = metaString(body, 'name');
  if (objName !== name) {
    return fail(badRequest(`the name of the object (${objName}) does not match the name on the URL (${name})`));
  }
  const objNamespace = metaString(body, 'namespace');
  if (info.namespaced && objNamespace !== '' && objNamespace !== namespace) {
    return fail(
      badRequest(
        `the namespace of the object (${objNamespace}) does not match the namespace on the URL (${namespace})`,
      ),
    );
  }
  return ok(undefined);
}

/** PUT: replaces the object named by the URL with `body`. */
export async function updateObject(
  context: RegistryContext,
  info: ResourceInfo,
  namespace: string,
  name: string,
  body: KubeObject,
  options: WriteOptions & { mode: UpdateMode },
): Promise<Result<Updated>> {
  const identity = checkBodyIdentity(info, body, namespace, name);
  if (!identity.ok) return identity;
  const old = await getObject(context, info, namespace, name);
  if (!old.ok) return old;
  return writeUpdate(context, info, old.value, body, options);
}

function checkPreconditions(info: ResourceInfo, old: Stored, body: KubeObject): Result<undefined> {
  const name = metaString(old.object, 'name');
  const resourceVersion = metaString(body, 'resourceVersion');
  if (resourceVersion !== '' && resourceVersion !== old.object.metadata.resourceVersion) {
    return fail(conflict(groupResource(info), name));
  }
  const uid = metaString(body, 'uid');
  const oldUid = metaString(old.object, 'uid');
  if (uid !== '' && uid !== oldUid) {
    const detail = `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${oldUid}`;
    return fail(conflict(groupResource(info), name, detail));
  }
  return ok(undefined);
}

function candidate(info: ResourceInfo, old: Stored, body: KubeObject, mode: UpdateMode): KubeObject {
  const hasStatus = info.subresources.some((s) => s.name === 'status');
  let next: KubeObject;
  if (mode === 'status') {
    // A status write changes status only; everything else stays as stored.
    next = cloneJson(old.object);
    if (body['status'] === undefined) delete next['status'];
    else next['status'] = cloneJson(body['status']);
  } else {
    next = cloneJson(body);
    // With a status subresource, the main resource cannot change status (each strategy's PrepareForUpdate).
    if (hasStatus) {
      if (old.object['status'] === undefined) delete next['status'];
      else next['status'] = cloneJson(old.object['status']);
    }
  }
  stampTypeMeta(next, info);
  prepareUpdateMeta(next, old.object);
  const meta = metadataOf(next);
  meta['name'] = metaString(old.object, 'name');
  if (info.namespaced) meta['namespace'] = metaString(old.object, 'namespace');
  // An update without resourceVersion is unconditional: it applies to what is stored now.
  meta['resourceVersion'] = old.object.metadata.resourceVersion;
  return next;
}

/** Admits and stores `body` as the new state of `old`, guarded by `old`'s revision. */
export async function writeUpdate(
  context: RegistryContext,
  info: ResourceInfo,
  old: Stored,
  body: KubeObject,
  options: WriteOptions & { mode: UpdateMode },
): Promise<Result<Updated>> {
  const pre = checkPreconditions(info, old, body);
  if (!pre.ok) return pre;
  const strategy = context.strategyFor(info);
  const next = candidate(info, old, body, options.mode);
  const writeContext = { dryRun: options.dryRun, now: context.now(), ...optionalManager(options) };
  const admission =
    options.mode === 'status'
      ? strategy.admitStatusUpdate(next, old.object, writeContext)
      : strategy.admitUpdate(next, old.object, writeContext);
  if (!admission.ok) return fail(admission.status);
  const admitted = withTypeMeta(admission.object, info);
  bumpGeneration(admitted, old.object, strategy.tracksGeneration);
  if (jsonEqual(admitted, old.object)) {
    // Nothing changed: no write, no watch event, the same resourceVersion (as upstream's GuaranteedUpdate).
    admission.commit();
    return ok({ object: old.object });
  }
  if (options.dryRun) {
    admission.revert();
    return ok({ object: admitted });
  }
  return storeUpdate(context, info, old, admitted, admission);
}

async function storeUpdate(
  context: RegistryContext,
  info: ResourceInfo,
  old: Stored,
  object: KubeObject,
  admission: { commit: () => void; revert: () => void },
): Promise<Result<Updated>> {
  try {
    const stored = await context.store.update(old.key, object, { expectedRevision: old.modRevision });
    admission.commit();
    return ok({ object: stored.object });
  } catch (error) {
    admission.revert();
    const name = metaString(old.object, 'name');
    if (isStoreError(error, 'Conflict')) return fail(conflict(groupResource(info), name));
    if (isStoreError(error, 'NotFound')) {
      return fail(conflict(groupResource(info), name, 'the object has been deleted'));
    }
    return storeFailure(error);
  }
}
