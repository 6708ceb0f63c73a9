/** Which handler serves a resource request: by method, by collection or item, and by subresource. */
import { methodNotAllowed } from '../../api/status.ts';
import { groupResource } from '../rest/read.ts';
import { handleDeleteCollection } from './delete-collection.ts';
import { handlePatch } from './patch.ts';
import { handleGet, handleList } from './read.ts';
import { handleScaleGet, handleScaleUpdate } from './scale.ts';
import { type ApiRequest, type ApiResponse, type ServerContext, statusResponse } from './types.ts';
import { handleCreate, handleDelete, handleUpdate } from './write.ts';

function notAllowed(request: ApiRequest): ApiResponse {
  return statusResponse(methodNotAllowed(groupResource(request.route.info), request.method));
}

function collection(context: ServerContext, request: ApiRequest): Promise<ApiResponse> | ApiResponse {
  const crossNamespace = request.route.info.namespaced && request.route.namespace === '';
  switch (request.method) {
    case 'GET':
      return handleList(context, request);
    // A namespaced resource is created or deleted inside a namespace, never across all of them.
    case 'POST':
      return crossNamespace ? notAllowed(request) : handleCreate(context, request);
    case 'DELETE':
      return crossNamespace ? notAllowed(request) : handleDeleteCollection(context, request);
    default:
      return notAllowed(request);
  }
}

function item(context: ServerContext, request: ApiRequest, name: string): Promise<ApiResponse> | ApiResponse {
  const { subresource } = request.route;
  if (subresource === 'scale') {
    if (request.method === 'GET') return handleScaleGet(context, request, name);
    if (request.method === 'PUT') return handleScaleUpdate(context, request, name);
    if (request.method === 'PATCH') return handlePatch(context, request, name);
    return notAllowed(request);
  }
  switch (request.method) {
    case 'GET':
      return handleGet(context, request, name);
    case 'PUT':
      return handleUpdate(context, request, name);
    case 'PATCH':
      return handlePatch(context, request, name);
    case 'DELETE':
      return subresource === undefined ? handleDelete(context, request, name) : notAllowed(request);
    default:
      return notAllowed(request);
  }
}

/** Serves a (non-watch) resource request. */
export async function dispatch(context: ServerContext, request: ApiRequest): Promise<ApiResponse> {
  const { name } = request.route;
  return name === undefined ? collection(context, request) : item(context, request, name);
}

/** Whether the request is a watch (`?watch=true` or the legacy `/watch/` path). */
export function isWatch(request: ApiRequest): boolean {
  return request.method === 'GET' && (request.query.watch || request.route.watchPath);
}
