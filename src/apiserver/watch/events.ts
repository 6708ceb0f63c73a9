/** Watch events as the wire carries them: filtered the way upstream's cacher filters, encoded as JSON lines. */
import type { Status } from '../../api/status.ts';
import type { WatchEvent } from '../../store/types.ts';
import type { ResourceInfo } from '../resources.ts';
import { groupVersion } from '../resources.ts';
import type { ObjectFilter } from '../selectors/filter.ts';

/** Event types on the wire. */
export type FrameType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** One event to send. */
export interface WatchFrame {
  readonly type: FrameType;
  readonly object: Record<string, unknown>;
}

/**
 * What a selective watch sees of a store event: an object that starts to match is ADDED, one that stops
 * matching is DELETED (with its new state), and changes outside the selection are not seen at all.
 */
export function filterEvent(event: WatchEvent, filter: ObjectFilter): WatchFrame | undefined {
  const matches = filter(event.object);
  if (event.type !== 'MODIFIED') return matches ? { type: event.type, object: event.object } : undefined;
  const matched = event.previous !== undefined && filter(event.previous);
  if (matches) return { type: matched ? 'MODIFIED' : 'ADDED', object: event.object };
  return matched ? { type: 'DELETED', object: event.object } : undefined;
}

/** A BOOKMARK: only the kind and the resourceVersion the client may resume from. */
export function bookmarkFrame(info: ResourceInfo, resourceVersion: number, initialEventsEnd = false): WatchFrame {
  const metadata: Record<string, unknown> = { resourceVersion: String(resourceVersion) };
  // With sendInitialEvents, the bookmark that ends the initial state says so (WatchList).
  if (initialEventsEnd) metadata['annotations'] = { 'k8s.io/initial-events-end': 'true' };
  return { type: 'BOOKMARK', object: { kind: info.kind, apiVersion: groupVersion(info), metadata } };
}

/** The ERROR event for a resourceVersion older than the history kept: clients relist on its 410. */
export function expiredFrame(requested: number, compactedRevision: number): WatchFrame {
  const status: Status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `too old resource version: ${requested} (${compactedRevision})`,
    reason: 'Expired',
    code: 410,
  };
  return { type: 'ERROR', object: status as unknown as Record<string, unknown> };
}

/** One newline-terminated JSON line (client-node reads events line by line). */
export function encodeFrame(frame: WatchFrame): string {
  return `${JSON.stringify({ type: frame.type, object: frame.object })}\n`;
}
