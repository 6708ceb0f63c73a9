/**
 * The log a log-structured driver keeps: every write appends one row, and the row's revision is the
 * store's global revision. Drivers (memory, SQLite) implement this small synchronous interface; the
 * verbs in this folder give it the `Store` semantics, as kine's logstructured package does.
 */

/** One write: a create, an update or a deletion (a tombstone keeping the last value). */
export interface LogRow {
  readonly revision: number;
  readonly key: string;
  /** The first row of the key's life (no row before it, or a tombstone). */
  readonly created: boolean;
  readonly deleted: boolean;
  readonly createRevision: number;
  /** The revision of the row this one replaces; 0 if none is known. */
  readonly prevRevision: number;
  /** The object as JSON, without `metadata.resourceVersion`. */
  readonly value: string;
}

/** A row with the value of the row it replaced, which watch events carry as `previous`. */
export interface LogChange extends LogRow {
  /** Undefined when there is no previous row (or compaction removed a tombstone). */
  readonly previousValue: string | undefined;
}

/** What a driver stores. Calls are synchronous: a driver is used by one process, one store at a time. */
export interface Log {
  /** The revision of the last row ever appended (rows may since have been compacted away). */
  currentRevision(): number;
  /** The revision the log was compacted up to; 0 if never. */
  compactedRevision(): number;
  /** The row of `key` if it is live: one lookup in the current state, whatever the history's length. */
  live(key: string): LogRow | undefined;
  /** The newest row of `key`, tombstones included (a tombstone stays until compaction removes it). */
  latest(key: string): LogRow | undefined;
  /**
   * The newest row of every live key starting with `prefix`, sorted by key (code point order). Reads
   * the current state only: its cost follows the live keys under `prefix`, never the history.
   */
  current(prefix: string): LogRow[];
  /** Rows under `prefix` with `after < revision ≤ upTo`, in revision order, at most `limit`. */
  changes(prefix: string, after: number, upTo: number, limit: number): LogChange[];
  /** Appends `row`, whose revision is `currentRevision() + 1`, and makes it the key's current state. */
  append(row: LogRow): void;
  /**
   * Drops every row at or below `revision` that a later row at or below it replaced, and tombstones,
   * and records `revision` as the compaction point. Its work follows the revisions between the last
   * compaction point and `revision`, so callers bound it by compacting in steps.
   */
  compact(revision: number): void;
  /** Runs `work` atomically: if it throws, nothing it appended stays. */
  transaction<T>(work: () => T): T;
  /** Releases the driver's resources. */
  close(): void;
}
