/**
 * Serving `?watch=true`: headers flushed at once, then one JSON line per event — the current state as ADDED
 * when the resourceVersion is "" or "0", changes after N otherwise, an ERROR 410 when N is too old, BOOKMARKs
 * when asked, and an end after `timeoutSeconds`. The watch ends when the response closes (never on the
 * request's `close`, which Node emits as soon as the body is read).
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { badRequest } from '../../api/status.ts';
import { isStoreError } from '../../store/errors.ts';
import type { ApiRequest, ApiResponse, ServerContext } from '../handlers/types.ts';
import { statusResponse } from '../handlers/types.ts';
import { jsonContentType, tableContentType, wantsTable } from '../http/media.ts';
import { collectionPrefix } from '../rest/keys.ts';
import { type ObjectFilter, buildFilter } from '../selectors/filter.ts';
import { type WatchFrame, bookmarkFrame, encodeFrame, expiredFrame, filterEvent } from './events.ts';
import { type FrameEncoder, frameEncoder } from './encoder.ts';
import type { WatchRegistry, WatchSettings } from './settings.ts';
import { WatchSink } from './sink.ts';

/** What a watch needs beyond the registry. */
export interface WatchContext extends ServerContext {
  readonly watchSettings: WatchSettings;
  readonly watches: WatchRegistry;
}

/** A started watch, or the response to send instead (a bad selector or resourceVersion). */
export type WatchStart = { readonly ok: true; readonly run: (res: ServerResponse) => Promise<void> } | ApiResponse;

function parseStart(resourceVersion: string | undefined): number | 'replay' | undefined {
  if (resourceVersion === undefined || resourceVersion === '' || resourceVersion === '0') return 'replay';
  return /^\d+$/.test(resourceVersion) ? Number(resourceVersion) : undefined;
}

function nameFilter(request: ApiRequest): string | undefined {
  const { name } = request.route;
  // The legacy `/watch/.../<name>` URL watches one object.
  if (name === undefined) return request.query.fieldSelector;
  const own = `metadata.name=${name}`;
  return request.query.fieldSelector === undefined ? own : `${request.query.fieldSelector},${own}`;
}

/** Validates a watch request; the returned `run` streams it onto a response. */
export function startWatch(context: WatchContext, request: ApiRequest, headers: OutgoingHttpHeaders): WatchStart {
  const { info } = request.route;
  const filter = buildFilter(info, request.query.labelSelector, nameFilter(request));
  if (!filter.ok) return statusResponse(filter.status);
  const start = parseStart(request.query.resourceVersion);
  if (start === undefined) {
    return statusResponse(badRequest(`invalid resource version: ${JSON.stringify(request.query.resourceVersion)}`));
  }
  const encode = frameEncoder(request, () => context.now());
  const contentType = wantsTable(request.accept) ? tableContentType : jsonContentType;
  return {
    ok: true,
    run: (res) => {
      res.writeHead(200, { ...headers, 'content-type': contentType, 'cache-control': 'no-cache' });
      res.flushHeaders();
      return streamWatch(context, request, res, { filter: filter.value, start, encode });
    },
  };
}

interface StreamPlan {
  readonly filter: ObjectFilter;
  readonly start: number | 'replay';
  readonly encode: FrameEncoder;
}

// setTimeout's limit (about 24.8 days): a longer timeout would fire at once.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The watch's timeout in ms: 0 or none means the default, a negative one ends it at once (as upstream's timer). */
function timeoutMs(context: WatchContext, request: ApiRequest): number {
  const asked = request.query.timeoutSeconds ?? 0;
  const seconds = asked === 0 ? context.watchSettings.defaultTimeoutSeconds() : asked;
  return Math.min(MAX_TIMER_MS, Math.max(0, seconds * 1000));
}

async function streamWatch(context: WatchContext, request: ApiRequest, res: ServerResponse, plan: StreamPlan) {
  const probe = { bufferedBytes: (): number => 0 };
  const controller = context.watches.open(() => probe.bufferedBytes());
  const { maxBufferedBytes, stallTimeoutMs } = context.watchSettings;
  const open = new WatchSink(res, { maxBufferedBytes, stallTimeoutMs }, controller.signal);
  probe.bufferedBytes = () => open.bufferedBytes;
  const abort = (): void => {
    controller.abort();
  };
  res.on('close', abort);
  const send = async (frame: WatchFrame): Promise<void> => {
    await open.write(encodeFrame(plan.encode(frame)));
    if (!open.open) abort();
  };
  const timeout = setTimeout(abort, timeoutMs(context, request));
  let lastRevision = plan.start === 'replay' ? 0 : plan.start;
  const bookmarks = request.query.allowWatchBookmarks
    ? setInterval(() => {
        open.offer(encodeFrame(plan.encode(bookmarkFrame(request.route.info, lastRevision))));
      }, context.watchSettings.bookmarkIntervalMs)
    : undefined;
  try {
    const from = plan.start === 'replay' ? await replay(context, request, plan.filter, send) : plan.start;
    lastRevision = from;
    const prefix = collectionPrefix(request.route.info, request.route.namespace);
    for await (const event of context.store.watch(prefix, from, controller.signal)) {
      lastRevision = event.revision;
      const frame = filterEvent(event, plan.filter);
      if (frame !== undefined) await send(frame);
      if (controller.signal.aborted) break;
    }
  } catch (error) {
    if (isStoreError(error, 'Compacted'))
      open.offer(encodeFrame(plan.encode(expiredFrame(lastRevision, error.compactedRevision ?? 0))));
    else if (!isStoreError(error, 'Closed')) throw error;
  } finally {
    clearTimeout(timeout);
    if (bookmarks !== undefined) clearInterval(bookmarks);
    res.off('close', abort);
    context.watches.release(controller, open.dropped);
    if (!res.writableEnded && !res.destroyed) res.end();
  }
}

/** Sends the current state as ADDED events and returns the revision it was read at. */
async function replay(
  context: WatchContext,
  request: ApiRequest,
  filter: ObjectFilter,
  send: (frame: WatchFrame) => Promise<void>,
): Promise<number> {
  const { info, namespace } = request.route;
  const { items, revision } = await context.store.list(collectionPrefix(info, namespace));
  for (const item of items) if (filter(item.object)) await send({ type: 'ADDED', object: item.object });
  if (request.query.sendInitialEvents === true && request.query.allowWatchBookmarks) {
    await send(bookmarkFrame(info, revision, true));
  }
  return revision;
}
