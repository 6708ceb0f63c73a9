/** `update`: appends a row replacing a key's live row, optionally only if it is still the expected one. */
import { conflict, notFound } from '../errors.ts';
import { checkKey, checkRevision } from '../keys.ts';
import { encodeObject } from '../objects.ts';
import type { Stored, WriteOptions } from '../types.ts';
import type { LogRow } from './log.ts';
import { commit, toStored, type LogContext } from './context.ts';

/** Replaces the object at `key`; `NotFound`, or `Conflict` when `expectedRevision` is not its modRevision. */
export function update(context: LogContext, key: string, object: object, options: WriteOptions = {}): Stored {
  checkKey(key);
  const expected = expectedRevisionOf(options);
  const value = encodeObject(object);
  const change = commit(context, (log) => {
    const latest = liveRow(log.live(key), key, expected);
    const row = {
      revision: log.currentRevision() + 1,
      key,
      created: false,
      deleted: false,
      createRevision: latest.createRevision,
      prevRevision: latest.revision,
      value,
    };
    log.append(row);
    return { ...row, previousValue: latest.value };
  });
  return toStored(change);
}

/** The validated `expectedRevision`, if one was given. */
export function expectedRevisionOf(options: WriteOptions): number | undefined {
  const expected = options.expectedRevision;
  return expected === undefined ? undefined : checkRevision(expected, 'expectedRevision');
}

/** `latest` if it is live and at the expected revision; otherwise the `NotFound` or `Conflict` to throw. */
export function liveRow(latest: LogRow | undefined, key: string, expected: number | undefined): LogRow {
  if (latest === undefined || latest.deleted) throw notFound(key);
  if (expected !== undefined && expected !== latest.revision) throw conflict(key, expected, latest.revision);
  return latest;
}
