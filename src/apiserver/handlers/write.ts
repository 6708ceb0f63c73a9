/** POST (create), PUT (update, of the object or its status) and DELETE of one object. */
import { badRequest } from '../../api/status.ts';
import { checkTypeMeta, decodeObjectBody, parseText } from '../http/body.ts';
import { mediaTypeOf } from '../http/media.ts';
import { createObject } from '../rest/create.ts';
import { type DeleteRequest, deleteObject } from '../rest/delete.ts';
import { asRecord, isRecord } from '../rest/objects.ts';
import { type Result, fail, ok } from '../rest/result.ts';
import { updateObject } from '../rest/update.ts';
import { groupVersion } from '../resources.ts';
import type { KubeObject } from '../registry/strategy.ts';
import { objectResponse } from './output.ts';
import { type ApiRequest, type ApiResponse, type ServerContext, statusResponse } from './types.ts';

function writeOptions(request: ApiRequest): { dryRun: boolean; fieldManager?: string } {
  const { dryRun, fieldManager } = request.query;
  return fieldManager === undefined ? { dryRun } : { dryRun, fieldManager };
}

/** The request body as an object of the URL's kind (kind and apiVersion defaulted when missing). */
function decodeBody(context: ServerContext, request: ApiRequest): Result<KubeObject> {
  const decoded = decodeObjectBody(request.contentType, request.body, context.decodeProtobuf);
  if (!decoded.ok) return decoded;
  const { info } = request.route;
  // fieldValidation=Strict is not enforced: unknown fields are stored as given (kubectl accepts this).
  return checkTypeMeta(decoded.value, groupVersion(info), info.kind);
}

/** `POST .../<plural>`: 201 with the created object. */
export async function handleCreate(context: ServerContext, request: ApiRequest): Promise<ApiResponse> {
  const body = decodeBody(context, request);
  if (!body.ok) return statusResponse(body.status);
  const { info, namespace } = request.route;
  const created = await createObject(context, info, namespace, body.value, writeOptions(request));
  if (!created.ok) return statusResponse(created.status);
  return objectResponse(request, info, created.value.object, 201, context.now());
}

/** `PUT .../<plural>/<name>[/status]`: 200 with the stored object. */
export async function handleUpdate(context: ServerContext, request: ApiRequest, name: string): Promise<ApiResponse> {
  const body = decodeBody(context, request);
  if (!body.ok) return statusResponse(body.status);
  const { info, namespace, subresource } = request.route;
  const mode = subresource === 'status' ? 'status' : 'main';
  const updated = await updateObject(context, info, namespace, name, body.value, { ...writeOptions(request), mode });
  if (!updated.ok) return statusResponse(updated.status);
  return objectResponse(request, info, updated.value.object, 200, context.now());
}

/** The `DeleteOptions` body kubectl sends with DELETE (optional; dryRun, gracePeriodSeconds and preconditions matter). */
export function parseDeleteOptions(request: ApiRequest): Result<DeleteRequest> {
  let dryRun = request.query.dryRun;
  if (request.body === undefined || request.body.length === 0) return ok({ dryRun });
  const parsed = parseText(request.body.toString('utf8'), mediaTypeOf(request.contentType) === 'application/yaml');
  if (!parsed.ok) return parsed;
  if (!isRecord(parsed.value)) return fail(badRequest('the request body must be a DeleteOptions object'));
  const options = parsed.value;
  if (Array.isArray(options['dryRun']) && options['dryRun'].includes('All')) dryRun = true;
  const grace = options['gracePeriodSeconds'];
  const gracePeriod = typeof grace === 'number' && Number.isInteger(grace) ? { gracePeriodSeconds: grace } : {};
  const pre = asRecord(options['preconditions']);
  const preconditions = {
    ...(typeof pre['uid'] === 'string' ? { uid: pre['uid'] } : {}),
    ...(typeof pre['resourceVersion'] === 'string' ? { resourceVersion: pre['resourceVersion'] } : {}),
  };
  return ok({ dryRun, ...gracePeriod, preconditions });
}

/**
 * `DELETE .../<plural>/<name>`: 200 with the deleted object, or with the object marked terminating when it is
 * deleted gracefully (propagationPolicy is accepted and ignored).
 */
export async function handleDelete(context: ServerContext, request: ApiRequest, name: string): Promise<ApiResponse> {
  const options = parseDeleteOptions(request);
  if (!options.ok) return statusResponse(options.status);
  const { info, namespace } = request.route;
  const deleted = await deleteObject(context, info, namespace, name, options.value);
  if (!deleted.ok) return statusResponse(deleted.status);
  return objectResponse(request, info, deleted.value, 200, context.now());
}
