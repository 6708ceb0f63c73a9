/**
 * `watch`: catch up from the log, then follow the bus, with no gap and no repeat between the two.
 *
 * The watch subscribes to the bus and reads the current revision R in one synchronous step (writes
 * publish in the same synchronous step as their commit, so none can fall between). Changes up to R
 * come from the log, in pages; changes after R come from the bus. If the bus buffer overflows, the
 * watch drains it, takes a new R and reads the gap back from the log the same way.
 */
import { compacted, invalidArgument } from '../errors.ts';
import { checkPrefix, checkRevision } from '../keys.ts';
import type { WatchEvent } from '../types.ts';
import type { Subscription } from './bus.ts';
import { openLog, toWatchEvent, type LogContext } from './context.ts';
import type { Log, LogChange } from './log.ts';

/** How many rows one catch-up query reads. */
export const CATCH_UP_PAGE_SIZE = 256;

/** Where a watch stands: everything up to `cursor` is delivered; the bus holds what is after `liveFrom`. */
interface Position {
  cursor: number;
  liveFrom: number;
}

/** Every change under `prefix` after `fromRevision`, then live changes until `signal` aborts. */
export function watch(
  context: LogContext,
  prefix: string,
  fromRevision: number,
  signal: AbortSignal,
): AsyncIterable<WatchEvent> {
  return streamChanges(context, prefix, fromRevision, signal);
}

async function* streamChanges(
  context: LogContext,
  prefix: string,
  fromRevision: number,
  signal: AbortSignal,
): AsyncGenerator<WatchEvent, void, undefined> {
  const log = openLog(context);
  checkPrefix(prefix);
  checkRevision(fromRevision, 'fromRevision');
  if (!(signal instanceof AbortSignal)) throw invalidArgument('watch needs an AbortSignal');
  const subscription = context.bus.subscribe(prefix, context.watchBufferLimit);
  try {
    const position: Position = { cursor: fromRevision, liveFrom: log.currentRevision() };
    while (!signal.aborted) {
      const batch = nextBatch(openLog(context), subscription, position, prefix);
      if (batch.length === 0) await subscription.wait(signal);
      for (const change of batch) {
        // A page can be long: stop in the middle of it once aborted, and fail once closed.
        if (stopped(context, signal)) return;
        yield toWatchEvent(change);
      }
    }
  } finally {
    context.bus.unsubscribe(subscription);
  }
}

/** Whether the watch was aborted; otherwise `Closed` once the store is closed (abort wins, as at the loop's top). */
function stopped(context: LogContext, signal: AbortSignal): boolean {
  if (signal.aborted) return true;
  openLog(context);
  return false;
}

/** The next changes to deliver, or none when the watch is caught up and must wait. */
function nextBatch(log: Log, subscription: Subscription, position: Position, prefix: string): LogChange[] {
  for (;;) {
    if (position.cursor < position.liveFrom) {
      const page = catchUp(log, position, prefix);
      if (page.length > 0) return page;
      continue;
    }
    for (let change = subscription.take(); change !== undefined; change = subscription.take()) {
      // A watch from a future revision skips live changes up to it.
      if (change.revision <= position.cursor) continue;
      position.cursor = change.revision;
      return [change];
    }
    if (!subscription.overflowed) return [];
    // The buffer is drained and the bus dropped what came after it: read that back from the log.
    subscription.resume();
    position.liveFrom = log.currentRevision();
  }
}

/** One page of the log after the cursor, up to `liveFrom`; `Compacted` if that history is gone. */
function catchUp(log: Log, position: Position, prefix: string): LogChange[] {
  const compactedAt = log.compactedRevision();
  if (position.cursor < compactedAt) throw compacted(position.cursor, compactedAt);
  const page = log.changes(prefix, position.cursor, position.liveFrom, CATCH_UP_PAGE_SIZE);
  const last = page[page.length - 1];
  position.cursor = page.length < CATCH_UP_PAGE_SIZE || last === undefined ? position.liveFrom : last.revision;
  return page;
}
