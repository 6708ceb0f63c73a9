/**
 * `compact`: forgets history up to a revision; the state at that revision and everything after stay.
 * The work is done in steps of a bounded number of revisions, each its own transaction, with the
 * event loop free between them: writes, reads and watches go on while a long history is dropped.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { invalidArgument } from '../errors.ts';
import { checkRevision } from '../keys.ts';
import { openLog, type LogContext } from './context.ts';

/** How many revisions one compaction step covers unless a driver asks otherwise. */
export const COMPACTION_STEP = 1000;

/**
 * Compacts up to `revision` (no further than the current revision) in steps of at most `step`
 * revisions, and returns the compaction point. Each step leaves a valid compaction point behind, so
 * a step that fails (or a store closed meanwhile) leaves the history compacted up to where it got.
 */
export async function compact(context: LogContext, revision: number, step: number): Promise<number> {
  const log = openLog(context);
  checkRevision(revision);
  const current = log.currentRevision();
  if (revision > current) {
    throw invalidArgument(`cannot compact to revision ${revision}: the store is at revision ${current}`);
  }
  // Compacting to a point already passed changes nothing, as etcd's compactor retrying would expect.
  let reached = log.compactedRevision();
  while (reached < revision) {
    const next = Math.min(revision, reached + step);
    log.transaction(() => {
      log.compact(next);
    });
    reached = next;
    if (reached === revision) break;
    await nextTurn();
    // Closed meanwhile: fail with `Closed`, the history compacted up to `reached`.
    openLog(context);
  }
  return log.compactedRevision();
}
