/** `compact`: forgets history up to a revision; the state at that revision and everything after stay. */
import { invalidArgument } from '../errors.ts';
import { checkRevision } from '../keys.ts';
import { openLog, type LogContext } from './context.ts';

/** Compacts up to `revision` (no further than the current revision) and returns the compaction point. */
export function compact(context: LogContext, revision: number): number {
  const log = openLog(context);
  checkRevision(revision);
  const current = log.currentRevision();
  if (revision > current) {
    throw invalidArgument(`cannot compact to revision ${revision}: the store is at revision ${current}`);
  }
  // Compacting to a point already passed changes nothing, as etcd's compactor retrying would expect.
  if (revision <= log.compactedRevision()) return log.compactedRevision();
  log.transaction(() => {
    log.compact(revision);
  });
  return revision;
}
