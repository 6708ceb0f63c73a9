/** Turning each event's object into what the client asked for: the object itself, or a one-row Table. */
import type { ApiRequest } from '../handlers/types.ts';
import { wantsTable } from '../http/media.ts';
import { type PrintableObject, toTable } from '../tables/index.ts';
import type { WatchFrame } from './events.ts';

/** Re-encodes one frame for the wire. */
export type FrameEncoder = (frame: WatchFrame) => WatchFrame;

function resourceVersionOf(object: Record<string, unknown>): string | undefined {
  const meta = object['metadata'];
  if (typeof meta !== 'object' || meta === null) return undefined;
  const value = (meta as Record<string, unknown>)['resourceVersion'];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The encoder for a request. For Tables, column definitions go in the first event only, as upstream's
 * watchEmbeddedEncoder does; kubectl reuses the last ones it saw.
 */
export function frameEncoder(request: Pick<ApiRequest, 'accept' | 'query' | 'route'>, now: () => Date): FrameEncoder {
  if (!wantsTable(request.accept)) return (frame) => frame;
  let first = true;
  return (frame) => {
    if (frame.type === 'ERROR') return frame;
    const rv = resourceVersionOf(frame.object);
    const objects = frame.type === 'BOOKMARK' ? [] : [frame.object as PrintableObject];
    const table = toTable(objects, {
      kind: request.route.info.kind,
      includeObject: request.query.includeObject,
      noHeaders: !first || frame.type === 'BOOKMARK',
      now: now(),
      ...(rv === undefined ? {} : { resourceVersion: rv }),
    });
    if (frame.type !== 'BOOKMARK') first = false;
    return { type: frame.type, object: table as unknown as Record<string, unknown> };
  };
}
