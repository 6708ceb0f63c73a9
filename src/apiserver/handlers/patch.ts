/**
 * PATCH of an object, its status or its scale: read, apply the patch, then write through the same update path
 * as PUT — retried when another write slipped in between, unless the patch itself pinned a resourceVersion.
 * An apply patch (`application/apply-patch+yaml`) on a missing object creates it.
 */
import { badRequest, unsupportedMediaType } from '../../api/status.ts';
import { checkTypeMeta, parseText } from '../http/body.ts';
import { type PatchMediaType, isPatchMediaType, mediaTypeOf, patchMediaTypes } from '../http/media.ts';
import { FIELD_MANAGER_REQUIRED } from '../patch/index.ts';
import { groupVersion } from '../resources.ts';
import { createObject } from '../rest/create.ts';
import { metaString } from '../rest/objects.ts';
import { getObject } from '../rest/read.ts';
import { type Result, fail, ok } from '../rest/result.ts';
import { checkBodyIdentity, writeUpdate } from '../rest/update.ts';
import { objectResponse } from './output.ts';
import { type PatchInput, applyPatch } from './patch-engines.ts';
import { toScale, writeScale } from './scale.ts';
import { type ApiRequest, type ApiResponse, type ServerContext, statusResponse } from './types.ts';

// Optimistic-concurrency retries for patches that did not pin a resourceVersion (upstream retries too).
const patchAttempts = 5;

function readPatch(request: ApiRequest): Result<PatchInput> {
  const type = mediaTypeOf(request.contentType);
  if (!isPatchMediaType(type)) return fail(unsupportedMediaType(patchMediaTypes));
  const fieldManager = request.query.fieldManager ?? '';
  if (type === 'application/apply-patch+yaml' && fieldManager === '') return fail(badRequest(FIELD_MANAGER_REQUIRED));
  const text = request.body?.toString('utf8') ?? '';
  if (text.trim() === '') return fail(badRequest('the body of the patch is empty'));
  const parsed = parseText(text, type === 'application/apply-patch+yaml');
  if (!parsed.ok) return parsed;
  const { info, subresource } = request.route;
  const kind = subresource === 'scale' ? 'Scale' : info.kind;
  return ok({ type: type satisfies PatchMediaType, patch: parsed.value, kind, fieldManager });
}

/** `PATCH .../<name>[/status|/scale]`. */
export async function handlePatch(context: ServerContext, request: ApiRequest, name: string): Promise<ApiResponse> {
  const input = readPatch(request);
  if (!input.ok) return statusResponse(input.status);
  let response: ApiResponse = statusResponse(badRequest('the patch was not applied'));
  for (let attempt = 0; attempt < patchAttempts; attempt++) {
    const result = await patchOnce(context, request, name, input.value);
    if (!('retry' in result)) return result;
    response = result.response;
  }
  return response;
}

type Attempt = ApiResponse | { readonly retry: true; readonly response: ApiResponse };

async function patchOnce(
  context: ServerContext,
  request: ApiRequest,
  name: string,
  input: PatchInput,
): Promise<Attempt> {
  const { info, namespace, subresource } = request.route;
  const old = await getObject(context, info, namespace, name);
  if (!old.ok) {
    const creates = input.type === 'application/apply-patch+yaml' && subresource === undefined;
    return creates ? applyCreate(context, request, name, input) : statusResponse(old.status);
  }
  const base = subresource === 'scale' ? toScale(old.value.object) : old.value.object;
  const patched = applyPatch(base, input);
  if (!patched.ok) return statusResponse(patched.status);
  const identity = checkBodyIdentity(info, patched.value, namespace, name);
  if (!identity.ok) return statusResponse(identity.status);
  // Still the stored resourceVersion means the patch did not pin one: a conflict is then worth another try.
  const unpinned = metaString(patched.value, 'resourceVersion') === old.value.object.metadata.resourceVersion;
  const response =
    subresource === 'scale'
      ? await writeScale(context, request, old.value, patched.value)
      : await writeObject(context, request, old.value, patched.value);
  const conflicted = response.code === 409 && (response.body as { reason?: string }).reason === 'Conflict';
  return conflicted && unpinned ? { retry: true, response } : response;
}

async function writeObject(
  context: ServerContext,
  request: ApiRequest,
  old: Parameters<typeof writeUpdate>[2],
  patched: Parameters<typeof writeUpdate>[3],
): Promise<ApiResponse> {
  const { info, subresource } = request.route;
  const { dryRun, fieldManager } = request.query;
  const mode = subresource === 'status' ? ('status' as const) : ('main' as const);
  const options = { dryRun, mode, ...(fieldManager === undefined ? {} : { fieldManager }) };
  const updated = await writeUpdate(context, info, old, patched, options);
  if (!updated.ok) return statusResponse(updated.status);
  return objectResponse(request, info, updated.value.object, 200, context.now());
}

async function applyCreate(
  context: ServerContext,
  request: ApiRequest,
  name: string,
  input: PatchInput,
): Promise<ApiResponse> {
  const { info, namespace } = request.route;
  const applied = applyPatch(undefined, input);
  if (!applied.ok) return statusResponse(applied.status);
  const typed = checkTypeMeta(applied.value, groupVersion(info), info.kind);
  if (!typed.ok) return statusResponse(typed.status);
  const identity = checkBodyIdentity(info, typed.value, namespace, name);
  if (!identity.ok) return statusResponse(identity.status);
  const { dryRun, fieldManager } = request.query;
  const created = await createObject(context, info, namespace, typed.value, {
    dryRun,
    ...(fieldManager === undefined ? {} : { fieldManager }),
  });
  if (!created.ok) return statusResponse(created.status);
  return objectResponse(request, info, created.value.object, 201, context.now());
}
