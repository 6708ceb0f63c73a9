/** `list`: the live objects under a prefix and the revision they were read at, in one transaction. */
import { checkPrefix } from '../keys.ts';
import type { ListResult } from '../types.ts';
import { openLog, toStored, type LogContext } from './context.ts';

/** Every live object whose key starts with `prefix`, sorted by key, with the store revision. */
export function list(context: LogContext, prefix: string): ListResult {
  const log = openLog(context);
  checkPrefix(prefix);
  return log.transaction(() => ({
    items: log.current(prefix).map(toStored),
    revision: log.currentRevision(),
  }));
}
