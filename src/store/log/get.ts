/** `get`: the key's row in the current state, if it is live. */
import { checkKey } from '../keys.ts';
import type { Stored } from '../types.ts';
import { openLog, toStored, type LogContext } from './context.ts';

/** The object at `key`, or undefined when there is none. */
export function get(context: LogContext, key: string): Stored | undefined {
  const row = openLog(context).live(checkKey(key));
  return row === undefined ? undefined : toStored(row);
}
