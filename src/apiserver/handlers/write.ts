/** POST (create), PUT (update, of the object or its status) and DELETE of one object. */
import { type Status, badRequest } from '../../api/status.ts';
import { decodeTypedBody, parseText } from '../http/body.ts';
import { isInt64, unmarshalTypeError } from '../http/go-json.ts';
import { mediaTypeOf } from '../http/media.ts';
import { createObject } from '../rest/create.ts';
import { type DeleteRequest, deleteObject } from '../rest/delete.ts';
import { isRecord } from '../rest/objects.ts';
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
  const { info } = request.route;
  // fieldValidation=Strict is not enforced: unknown fields are stored as given (kubectl accepts this).
  return decodeTypedBody(request.contentType, request.body, context.decodeProtobuf, {
    apiVersion: groupVersion(info),
    kind: info.kind,
  });
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

/** Go's decode error for a DeleteOptions field of the wrong JSON type (`path` from the top, as Go prints it). */
function deleteOptionsTypeError(value: unknown, path: string, goType: string): Status {
  const struct = path.startsWith('preconditions.') ? 'Preconditions' : 'DeleteOptions';
  return badRequest(unmarshalTypeError(value, struct, path, goType));
}

/** `gracePeriodSeconds` of a DeleteOptions body: absent, or an int64 (any other value is a 400, never a 500). */
function bodyGracePeriod(value: unknown): Result<number | undefined> {
  if (value === undefined || value === null) return ok(undefined);
  if (typeof value !== 'number' || !isInt64(value)) {
    return fail(deleteOptionsTypeError(value, 'gracePeriodSeconds', 'int64'));
  }
  return ok(value);
}

function optionalString(path: string, value: unknown): Result<string | undefined> {
  if (value === undefined || value === null) return ok(undefined);
  if (typeof value !== 'string')
    return fail(deleteOptionsTypeError(value, path, path.endsWith('uid') ? 'types.UID' : 'string'));
  return ok(value);
}

/** The `preconditions` of a DeleteOptions body, type-checked. */
function bodyPreconditions(value: unknown): Result<DeleteRequest['preconditions']> {
  if (value === undefined || value === null) return ok({});
  if (!isRecord(value)) return fail(deleteOptionsTypeError(value, 'preconditions', 'v1.Preconditions'));
  const uid = optionalString('preconditions.uid', value['uid']);
  if (!uid.ok) return uid;
  const resourceVersion = optionalString('preconditions.resourceVersion', value['resourceVersion']);
  if (!resourceVersion.ok) return resourceVersion;
  return ok({
    ...(uid.value === undefined ? {} : { uid: uid.value }),
    ...(resourceVersion.value === undefined ? {} : { resourceVersion: resourceVersion.value }),
  });
}

function queryDeleteRequest(request: ApiRequest): DeleteRequest {
  const { dryRun, gracePeriodSeconds } = request.query;
  return gracePeriodSeconds === undefined ? { dryRun } : { dryRun, gracePeriodSeconds };
}

/**
 * The `DeleteOptions` kubectl sends with DELETE (optional; dryRun, gracePeriodSeconds and preconditions matter):
 * the body's, else the query's. A field of the wrong type is a 400 with Go's decode error.
 */
export function parseDeleteOptions(request: ApiRequest): Result<DeleteRequest> {
  const fromQuery = queryDeleteRequest(request);
  if (request.body === undefined || request.body.length === 0) return ok(fromQuery);
  const parsed = parseText(request.body.toString('utf8'), mediaTypeOf(request.contentType) === 'application/yaml');
  if (!parsed.ok) return parsed;
  if (!isRecord(parsed.value)) return fail(badRequest('the request body must be a DeleteOptions object'));
  const options = parsed.value;
  const dryRunList = options['dryRun'];
  if (dryRunList !== undefined && dryRunList !== null && !Array.isArray(dryRunList)) {
    return fail(deleteOptionsTypeError(dryRunList, 'dryRun', '[]string'));
  }
  const dryRun = fromQuery.dryRun || (Array.isArray(dryRunList) && dryRunList.includes('All'));
  const grace = bodyGracePeriod(options['gracePeriodSeconds']);
  if (!grace.ok) return grace;
  const preconditions = bodyPreconditions(options['preconditions']);
  if (!preconditions.ok) return preconditions;
  const gracePeriodSeconds = grace.value ?? fromQuery.gracePeriodSeconds;
  return ok({
    dryRun,
    ...(gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds }),
    preconditions: preconditions.value ?? {},
  });
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
