/** `get`: the newest row of a key, unless it is a tombstone. */
import { checkKey } from '../keys.ts';
import type { Stored } from '../types.ts';
import { openLog, toStored, type LogContext } from './context.ts';

/** The object at `key`, or undefined when there is none. */
export function get(context: LogContext, key: string): Stored | undefined {
  const row = openLog(context).latest(checkKey(key));
  return row === undefined || row.deleted ? undefined : toStored(row);
}
