/** What the verbs of a log-structured store share, and the conversions from rows to results. */
import { closed } from '../errors.ts';
import { decodeObject } from '../objects.ts';
import type { Stored, WatchEvent } from '../types.ts';
import type { Bus } from './bus.ts';
import type { Log, LogChange, LogRow } from './log.ts';

/** One store's log, bus and open/closed state. */
export interface LogContext {
  readonly log: Log;
  readonly bus: Bus;
  /** How many changes a watch buffers before reading the log instead. */
  readonly watchBufferLimit: number;
  closed: boolean;
}

/** The log, or `Closed` once the store is closed. */
export function openLog(context: LogContext): Log {
  if (context.closed) throw closed();
  return context.log;
}

/**
 * Runs one write in a transaction, then publishes it. Publishing after the commit, in the same
 * synchronous step, is what lets a watch take "the revision now" and "changes from now on" together.
 */
export function commit(context: LogContext, write: (log: Log) => LogChange): LogChange {
  const log = openLog(context);
  const change = log.transaction(() => write(log));
  context.bus.publish(change);
  return change;
}

/** A row as the `Stored` callers see: a fresh object stamped with the row's revision. */
export function toStored(row: LogRow): Stored {
  return {
    key: row.key,
    object: decodeObject(row.value, row.revision),
    createRevision: row.createRevision,
    modRevision: row.revision,
  };
}

/** A change as a watch event; `previous` only for MODIFIED and DELETED. */
export function toWatchEvent(change: LogChange): WatchEvent {
  const type = change.deleted ? 'DELETED' : change.created ? 'ADDED' : 'MODIFIED';
  const object = decodeObject(change.value, change.revision);
  if (type === 'ADDED' || change.previousValue === undefined) {
    return { type, key: change.key, object, revision: change.revision };
  }
  const previous = decodeObject(change.previousValue, change.prevRevision);
  return { type, key: change.key, object, revision: change.revision, previous };
}
