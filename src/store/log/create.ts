/** `create`: appends the first row of a key's life. */
import { alreadyExists } from '../errors.ts';
import { checkKey } from '../keys.ts';
import { encodeObject } from '../objects.ts';
import type { Stored } from '../types.ts';
import { commit, toStored, type LogContext } from './context.ts';

/** Stores `object` at `key`; `AlreadyExists` if the key holds a live object. */
export function create(context: LogContext, key: string, object: object): Stored {
  checkKey(key);
  const value = encodeObject(object);
  const change = commit(context, (log) => {
    const latest = log.latest(key);
    if (latest !== undefined && !latest.deleted) throw alreadyExists(key);
    const revision = log.currentRevision() + 1;
    const row = {
      revision,
      key,
      created: true,
      deleted: false,
      createRevision: revision,
      // A create after a delete points at the tombstone, so the key's rows stay one chain.
      prevRevision: latest?.revision ?? 0,
      value,
    };
    log.append(row);
    return { ...row, previousValue: undefined };
  });
  return toStored(change);
}
