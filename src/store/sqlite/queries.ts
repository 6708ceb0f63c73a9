/** The prepared statements of the SQLite log, and the mapping from their rows to log rows. */
import type Database from 'better-sqlite3';
import type { LogChange, LogRow } from '../log/log.ts';

/** A `log` row as SQLite returns it (booleans are 0/1), with the replaced row's value when joined. */
export interface RawRow {
  readonly id: number;
  readonly name: string;
  readonly created: number;
  readonly deleted: number;
  readonly create_revision: number;
  readonly prev_revision: number;
  readonly value: string;
  readonly previous_value?: string | null;
}

/** Named parameters of the range queries; `end` is left out for the empty prefix. */
export interface RangeParameters {
  readonly start: string;
  readonly end?: string;
  readonly after?: number;
  readonly upTo?: number;
  readonly limit?: number;
}

/** A statement over a key range, with an upper bound (`bounded`) and without (`open`). */
export interface Ranged {
  readonly bounded: Database.Statement<[RangeParameters], RawRow>;
  readonly open: Database.Statement<[RangeParameters], RawRow>;
}

/** Every statement the log runs, prepared once per database. */
export interface Queries {
  readonly currentRevision: Database.Statement<[], number | null>;
  readonly compactedRevision: Database.Statement<[], number>;
  readonly setCompactedRevision: Database.Statement<[number]>;
  readonly live: Database.Statement<[string], RawRow>;
  readonly newest: Database.Statement<[string], RawRow>;
  readonly current: Ranged;
  readonly changes: Ranged;
  readonly insert: Database.Statement<[number, string, number, number, number, number, string]>;
  readonly setLive: Database.Statement<[string, number]>;
  readonly dropLive: Database.Statement<[string]>;
  readonly dropReplaced: Database.Statement<[number, number]>;
  readonly dropTombstones: Database.Statement<[number, number]>;
}

const COLUMNS = 'l.id, l.name, l.created, l.deleted, l.create_revision, l.prev_revision, l.value';

/** The range condition on `column` for `@start`/`@end`: an index range scan in SQLite's byte order. */
function rangeOn(column: string, bounded: boolean): string {
  return bounded ? `${column} >= @start AND ${column} < @end` : `${column} >= @start`;
}

/**
 * The reads of the current state. `CROSS JOIN` fixes the order: the `live` table (one row per live
 * key) drives, and each of its rows costs one lookup of the log by id, so neither read follows history.
 */
export const CURRENT_STATE_SQL = {
  get: `SELECT ${COLUMNS} FROM live AS k CROSS JOIN log AS l ON l.id = k.id WHERE k.name = ?`,
  list: (bounded: boolean) =>
    `SELECT ${COLUMNS} FROM live AS k CROSS JOIN log AS l ON l.id = k.id
      WHERE ${rangeOn('k.name', bounded)} ORDER BY k.name`,
};

/**
 * The deletes of one compaction step over the revisions `(from, to]`: both walk that range of row ids
 * only, so a step's work follows the revisions it covers, not the size of the table.
 */
export const COMPACTION_SQL = {
  // Rows replaced by a row in (from, to]: their successor is at or below the compaction point.
  dropReplaced: `DELETE FROM log WHERE id IN
    (SELECT prev_revision FROM log WHERE id > ? AND id <= ? AND prev_revision != 0)`,
  dropTombstones: 'DELETE FROM log WHERE id > ? AND id <= ? AND deleted = 1',
};

// `name >= @start AND name < @end` is an index range scan; SQLite's BINARY collation compares UTF-8
// bytes, which is the code point order of keys.ts.
function ranged(db: Database.Database, sql: (bounded: boolean) => string): Ranged {
  return { bounded: db.prepare(sql(true)), open: db.prepare(sql(false)) };
}

/** Prepares every statement on `db` (the schema must exist). */
export function prepareQueries(db: Database.Database): Queries {
  return {
    currentRevision: db.prepare<[], number | null>("SELECT seq FROM sqlite_sequence WHERE name = 'log'").pluck(),
    compactedRevision: db.prepare<[], number>("SELECT value FROM meta WHERE name = 'compacted_revision'").pluck(),
    setCompactedRevision: db.prepare("UPDATE meta SET value = ? WHERE name = 'compacted_revision'"),
    live: db.prepare(CURRENT_STATE_SQL.get),
    newest: db.prepare(`SELECT ${COLUMNS} FROM log AS l WHERE l.name = ? ORDER BY l.id DESC LIMIT 1`),
    current: ranged(db, CURRENT_STATE_SQL.list),
    changes: ranged(
      db,
      (bounded) => `SELECT ${COLUMNS}, p.value AS previous_value FROM log AS l
        LEFT JOIN log AS p ON p.id = l.prev_revision
        WHERE l.id > @after AND l.id <= @upTo AND ${rangeOn('l.name', bounded)} ORDER BY l.id LIMIT @limit`,
    ),
    insert: db.prepare(`INSERT INTO log (id, name, created, deleted, create_revision, prev_revision, value)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
    setLive: db.prepare('INSERT INTO live (name, id) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET id = excluded.id'),
    dropLive: db.prepare('DELETE FROM live WHERE name = ?'),
    dropReplaced: db.prepare(COMPACTION_SQL.dropReplaced),
    dropTombstones: db.prepare(COMPACTION_SQL.dropTombstones),
  };
}

/** Runs the variant of `statement` that fits `parameters` (no upper bound for the empty prefix). */
export function allInRange(statement: Ranged, parameters: RangeParameters): RawRow[] {
  return parameters.end === undefined ? statement.open.all(parameters) : statement.bounded.all(parameters);
}

/** A raw row as a log row. */
export function toLogRow(raw: RawRow): LogRow {
  return {
    revision: raw.id,
    key: raw.name,
    created: raw.created === 1,
    deleted: raw.deleted === 1,
    createRevision: raw.create_revision,
    prevRevision: raw.prev_revision,
    value: raw.value,
  };
}

/** A raw row joined with its predecessor as a log change. */
export function toLogChange(raw: RawRow): LogChange {
  return { ...toLogRow(raw), previousValue: raw.previous_value ?? undefined };
}
