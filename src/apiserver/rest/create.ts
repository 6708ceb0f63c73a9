/** Creating an object: the generic steps of kube-apiserver's `Store.Create` around the resource's strategy. */
import { alreadyExists, badRequest } from '../../api/status.ts';
import { isStoreError } from '../../store/errors.ts';
import type { Stored } from '../../store/types.ts';
import type { KubeObject } from '../registry/strategy.ts';
import type { ResourceInfo } from '../resources.ts';
import type { RegistryContext, WriteOptions } from './context.ts';
import { objectKey } from './keys.ts';
import { cloneJson, metaString, metadataOf } from './objects.ts';
import { groupResource, requireNamespace } from './read.ts';
import { type Result, fail, ok, storeFailure } from './result.ts';
import { generateName, prepareCreateMeta, stampTypeMeta, withTypeMeta } from './system-fields.ts';

/** What a create answers: the stored object (or, for a dry run, what would be stored). */
export interface Created {
  readonly object: KubeObject;
  readonly stored?: Stored;
}

// Upstream retries a generated name that collides (RetryGenerateName); a few tries make a clash vanishingly rare.
const generateNameAttempts = 8;

function checkBodyNamespace(info: ResourceInfo, object: KubeObject, namespace: string): Result<undefined> {
  const meta = metadataOf(object);
  if (!info.namespaced) {
    delete meta['namespace'];
    return ok(undefined);
  }
  const given = metaString(object, 'namespace');
  if (given !== '' && given !== namespace) {
    return fail(badRequest('the namespace of the provided object does not match the namespace sent on the request'));
  }
  meta['namespace'] = namespace;
  return ok(undefined);
}

/** Runs a create for `body` (already decoded, kind/apiVersion checked) in `namespace` (`''` if cluster-scoped). */
export async function createObject(
  context: RegistryContext,
  info: ResourceInfo,
  namespace: string,
  body: KubeObject,
  options: WriteOptions,
): Promise<Result<Created>> {
  const object = cloneJson(body);
  stampTypeMeta(object, info);
  const nsCheck = checkBodyNamespace(info, object, namespace);
  if (!nsCheck.ok) return nsCheck;
  if (metaString(object, 'resourceVersion') !== '') {
    // Upstream's storage answers this with a 500; it is the client's mistake, so 400 here.
    return fail(badRequest('resourceVersion should not be set on objects to be created'));
  }
  const exists = await requireNamespace(context, info, namespace);
  if (!exists.ok) return exists;
  const prefix = metaString(object, 'generateName');
  const attempts = metaString(object, 'name') === '' && prefix !== '' ? generateNameAttempts : 1;
  let result: Result<Created> = fail(badRequest('no attempt made'));
  for (let i = 0; i < attempts; i++) {
    const candidate = cloneJson(object);
    if (attempts > 1) metadataOf(candidate)['name'] = generateName(prefix);
    result = await admitAndStore(context, info, namespace, candidate, options);
    if (result.ok || result.status.reason !== 'AlreadyExists') return result;
  }
  return result;
}

async function admitAndStore(
  context: RegistryContext,
  info: ResourceInfo,
  namespace: string,
  object: KubeObject,
  options: WriteOptions,
): Promise<Result<Created>> {
  const strategy = context.strategyFor(info);
  const now = context.now();
  prepareCreateMeta(object, now, strategy.tracksGeneration);
  const writeContext = { dryRun: options.dryRun, now, ...optionalManager(options) };
  const admission = strategy.admitCreate(object, writeContext);
  if (!admission.ok) return fail(admission.status);
  const admittedObject = withTypeMeta(admission.object, info);
  const name = metaString(admittedObject, 'name');
  const key = objectKey(info, namespace, name);
  if (options.dryRun) {
    admission.revert();
    const existing = await context.store.get(key);
    return existing === undefined ? ok({ object: admittedObject }) : fail(alreadyExists(groupResource(info), name));
  }
  try {
    const stored = await context.store.create(key, admittedObject);
    admission.commit();
    return ok({ object: stored.object, stored });
  } catch (error) {
    admission.revert();
    if (isStoreError(error, 'AlreadyExists')) return fail(alreadyExists(groupResource(info), name));
    return storeFailure(error);
  }
}

/** `{fieldManager}` when one was given (exactOptionalPropertyTypes forbids an explicit undefined). */
export function optionalManager(options: WriteOptions): { fieldManager?: string } {
  return options.fieldManager === undefined ? {} : { fieldManager: options.fieldManager };
}
