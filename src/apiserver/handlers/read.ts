/** GET of one object, and list of a collection (filtered by label and field selectors). */
import { buildFilter } from '../selectors/filter.ts';
import { getObject, listObjects } from '../rest/read.ts';
import { listResponse, objectResponse } from './output.ts';
import { type ApiRequest, type ApiResponse, type ServerContext, statusResponse } from './types.ts';

/** `GET .../<plural>/<name>` (and `/status`, which reads the whole object too). */
export async function handleGet(context: ServerContext, request: ApiRequest, name: string): Promise<ApiResponse> {
  const { info, namespace } = request.route;
  const found = await getObject(context, info, namespace, name);
  if (!found.ok) return statusResponse(found.status);
  return objectResponse(request, info, found.value.object, 200, context.now());
}

/** `GET .../<plural>`: every selected object, with the revision the list was read at. `limit` is ignored. */
export async function handleList(context: ServerContext, request: ApiRequest): Promise<ApiResponse> {
  const { info, namespace } = request.route;
  const filter = buildFilter(info, request.query.labelSelector, request.query.fieldSelector);
  if (!filter.ok) return statusResponse(filter.status);
  const { items, revision } = await listObjects(context, info, namespace);
  const selected = items.map((item) => item.object).filter((object) => filter.value(object));
  return listResponse(request, info, selected, revision, context.now());
}
