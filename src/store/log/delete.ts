/** `delete`: appends a tombstone that keeps the key's last value. */
import { checkKey } from '../keys.ts';
import type { Stored, WriteOptions } from '../types.ts';
import { commit, toStored, type LogContext } from './context.ts';
import { expectedRevisionOf, liveRow } from './update.ts';

/** Deletes the object at `key` and returns its last state stamped with the deletion revision. */
export function remove(context: LogContext, key: string, options: WriteOptions = {}): Stored {
  checkKey(key);
  const expected = expectedRevisionOf(options);
  const change = commit(context, (log) => {
    const latest = liveRow(log.live(key), key, expected);
    const row = {
      revision: log.currentRevision() + 1,
      key,
      created: false,
      deleted: true,
      createRevision: latest.createRevision,
      prevRevision: latest.revision,
      // The tombstone holds the last state: it is the object of the DELETED event.
      value: latest.value,
    };
    log.append(row);
    return { ...row, previousValue: latest.value };
  });
  return toStored(change);
}
