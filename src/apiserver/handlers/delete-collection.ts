/** `DELETE .../<plural>`: deletes every selected object and answers with the List of what was deleted. */
import { buildFilter } from '../selectors/filter.ts';
import { deleteMany } from '../rest/delete.ts';
import { listObjects } from '../rest/read.ts';
import { listResponse } from './output.ts';
import { type ApiRequest, type ApiResponse, type ServerContext, statusResponse } from './types.ts';
import { parseDeleteOptions } from './write.ts';

/** deletecollection, with the list's label and field selectors. */
export async function handleDeleteCollection(context: ServerContext, request: ApiRequest): Promise<ApiResponse> {
  const { info, namespace } = request.route;
  const filter = buildFilter(info, request.query.labelSelector, request.query.fieldSelector);
  if (!filter.ok) return statusResponse(filter.status);
  const options = parseDeleteOptions(request);
  if (!options.ok) return statusResponse(options.status);
  const { items } = await listObjects(context, info, namespace);
  const selected = items.filter((item) => filter.value(item.object));
  const deleted = await deleteMany(context, info, selected, options.value);
  if (!deleted.ok) return statusResponse(deleted.status);
  const revision = await context.store.currentRevision();
  return listResponse(request, info, deleted.value, revision, context.now());
}
