/**
 * The `scale` subresource: an `autoscaling/v1` Scale view of `spec.replicas`. kubectl scale PATCHes it and
 * refuses any answer that is not a Scale.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1.d.ts';
import { formatSelector, labelSelectorAsSelector } from '../../api/labels/index.ts';
import { invalid } from '../../api/field-errors.ts';
import { invalidStatus } from '../../api/status.ts';
import type { Stored } from '../../store/types.ts';
import { decodeTypedBody } from '../http/body.ts';
import type { KubeObject } from '../registry/strategy.ts';
import type { ResourceInfo } from '../resources.ts';
import { asRecord, cloneJson, metaString } from '../rest/objects.ts';
import { getObject } from '../rest/read.ts';
import type { Result } from '../rest/result.ts';
import { checkBodyIdentity, writeUpdate } from '../rest/update.ts';
import { type ApiRequest, type ApiResponse, type ServerContext, statusResponse } from './types.ts';

function selectorString(selector: unknown): string {
  const parsed = labelSelectorAsSelector(selector as LabelSelector | undefined);
  return parsed.ok ? formatSelector(parsed.selector) : '';
}

/** The Scale of a Deployment or ReplicaSet. */
export function toScale(object: KubeObject): KubeObject {
  const meta = asRecord(object.metadata);
  const spec = asRecord(object['spec']);
  const status = asRecord(object['status']);
  const keep = ['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp'];
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: Object.fromEntries(keep.filter((k) => meta[k] !== undefined).map((k) => [k, meta[k]])),
    spec: { replicas: typeof spec['replicas'] === 'number' ? spec['replicas'] : 0 },
    status: {
      replicas: typeof status['replicas'] === 'number' ? status['replicas'] : 0,
      selector: selectorString(spec['selector']),
    },
  };
}

/** Stores the replica count `scale` asks for on `old` and answers with the new Scale. */
export async function writeScale(
  context: ServerContext,
  request: ApiRequest,
  old: Stored,
  scale: KubeObject,
): Promise<ApiResponse> {
  const { info } = request.route;
  const replicas = asRecord(scale['spec'])['replicas'];
  const name = metaString(old.object, 'name');
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    const value = typeof replicas === 'number' ? replicas : String(replicas);
    const error = invalid('spec.replicas', value, 'must be greater than or equal to 0');
    return statusResponse(invalidStatus({ kind: 'Scale', group: 'autoscaling' }, name, [error]));
  }
  const next: KubeObject = cloneJson(old.object);
  next['spec'] = { ...asRecord(next['spec']), replicas };
  // The Scale's resourceVersion, when given, is the precondition; without it the write is unconditional.
  const meta = { ...asRecord(next.metadata) };
  delete meta['resourceVersion'];
  const resourceVersion = metaString(scale, 'resourceVersion');
  next.metadata = resourceVersion === '' ? meta : { ...meta, resourceVersion };
  const { dryRun, fieldManager } = request.query;
  const options = { dryRun, mode: 'main' as const, ...(fieldManager === undefined ? {} : { fieldManager }) };
  const updated = await writeUpdate(context, info, old, next, options);
  if (!updated.ok) return statusResponse(updated.status);
  return { code: 200, body: toScale(updated.value.object) };
}

function readScaled(context: ServerContext, info: ResourceInfo, request: ApiRequest, name: string) {
  return getObject(context, info, request.route.namespace, name);
}

/** `GET .../<name>/scale`. */
export async function handleScaleGet(context: ServerContext, request: ApiRequest, name: string): Promise<ApiResponse> {
  const found = await readScaled(context, request.route.info, request, name);
  if (!found.ok) return statusResponse(found.status);
  return { code: 200, body: toScale(found.value.object) };
}

function decodeScale(context: ServerContext, request: ApiRequest): Result<KubeObject> {
  const target = { apiVersion: 'autoscaling/v1', kind: 'Scale' };
  return decodeTypedBody(request.contentType, request.body, context.decodeProtobuf, target);
}

/** `PUT .../<name>/scale`. */
export async function handleScaleUpdate(
  context: ServerContext,
  request: ApiRequest,
  name: string,
): Promise<ApiResponse> {
  const scale = decodeScale(context, request);
  if (!scale.ok) return statusResponse(scale.status);
  const identity = checkBodyIdentity(request.route.info, scale.value, request.route.namespace, name);
  if (!identity.ok) return statusResponse(identity.status);
  const found = await readScaled(context, request.route.info, request, name);
  if (!found.ok) return statusResponse(found.status);
  return writeScale(context, request, found.value, scale.value);
}
