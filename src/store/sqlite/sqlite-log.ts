/** The SQLite driver's log: one table, one row per write, row id = revision. */
import type Database from 'better-sqlite3';
import { prefixEnd } from '../keys.ts';
import type { Log, LogChange, LogRow } from '../log/log.ts';
import { allInRange, prepareQueries, toLogChange, toLogRow, type Queries, type RangeParameters } from './queries.ts';

// At most this many free pages (4 KiB each) go back to the file system per compaction step.
const FREE_PAGES_PER_STEP = 2048;

/** The range parameters for keys starting with `prefix`. */
function rangeOf(prefix: string): RangeParameters {
  const end = prefixEnd(prefix);
  return end === undefined ? { start: prefix } : { start: prefix, end };
}

/** A `Log` in a SQLite database opened by `openDatabase`. */
export class SqliteLog implements Log {
  readonly #db: Database.Database;
  readonly #queries: Queries;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#queries = prepareQueries(db);
  }

  /** {@inheritDoc Log.currentRevision} */
  currentRevision(): number {
    // sqlite_sequence remembers the highest id ever used, even after compaction deleted the row.
    return this.#queries.currentRevision.get() ?? 0;
  }

  /** {@inheritDoc Log.compactedRevision} */
  compactedRevision(): number {
    return this.#queries.compactedRevision.get() ?? 0;
  }

  /** {@inheritDoc Log.live} */
  live(key: string): LogRow | undefined {
    const raw = this.#queries.live.get(key);
    return raw === undefined ? undefined : toLogRow(raw);
  }

  /** {@inheritDoc Log.latest} */
  latest(key: string): LogRow | undefined {
    // A key that is not live may still have a tombstone: the newest row of its name, by the index.
    const raw = this.#queries.live.get(key) ?? this.#queries.newest.get(key);
    return raw === undefined ? undefined : toLogRow(raw);
  }

  /** {@inheritDoc Log.current} */
  current(prefix: string): LogRow[] {
    return allInRange(this.#queries.current, rangeOf(prefix)).map(toLogRow);
  }

  /** {@inheritDoc Log.changes} */
  changes(prefix: string, after: number, upTo: number, limit: number): LogChange[] {
    return allInRange(this.#queries.changes, { ...rangeOf(prefix), after, upTo, limit }).map(toLogChange);
  }

  /** {@inheritDoc Log.append} */
  append(row: LogRow): void {
    const { revision, key, created, deleted, createRevision, prevRevision, value } = row;
    this.#queries.insert.run(revision, key, Number(created), Number(deleted), createRevision, prevRevision, value);
    // The current state changes in the same transaction as the history (the verbs run append in one).
    if (deleted) this.#queries.dropLive.run(key);
    else this.#queries.setLive.run(key, revision);
  }

  /** {@inheritDoc Log.compact} */
  compact(revision: number): void {
    // Rows at or below the previous point were compacted then; only newer rows can replace anything.
    const from = this.compactedRevision();
    this.#queries.dropReplaced.run(from, revision);
    this.#queries.dropTombstones.run(from, revision);
    this.#queries.setCompactedRevision.run(revision);
    // Give the freed pages back in a bounded step; what is left goes in later steps (README.md).
    // (`exec`, not a prepared statement: the pragma frees one page per step of its statement.)
    this.#db.exec(`PRAGMA incremental_vacuum(${FREE_PAGES_PER_STEP})`);
  }

  /** {@inheritDoc Log.transaction} */
  transaction<T>(work: () => T): T {
    // better-sqlite3 nests a transaction inside another as a savepoint.
    return this.#db.transaction(work)();
  }

  /** {@inheritDoc Log.close} */
  close(): void {
    this.#db.close();
  }
}
