/**
 * Upgrades of older store files, in place, when they are opened: schema 1 had the log alone, and
 * get/list read the newest row per key out of the whole history.
 */
import type Database from 'better-sqlite3';

/**
 * The table schema 2 added: one small row per live key naming the log row that holds its state, so
 * that get is one primary-key lookup and list one range of it, however long the history.
 */
export const LIVE_TABLE = `
CREATE TABLE live (
  name TEXT    PRIMARY KEY,  -- the key; the primary key's order is the list order
  id   INTEGER NOT NULL      -- the log row holding its state (its modRevision)
) WITHOUT ROWID;
`;

// SQLite's `auto_vacuum` value for INCREMENTAL.
const AUTO_VACUUM_INCREMENTAL = 2;

/**
 * Schema 1 → the current one, in one transaction: adds the `live` table and fills it with the newest
 * row of every key whose newest row is not a tombstone. A crash leaves the file at schema 1.
 */
export function upgradeFromVersion1(db: Database.Database, version: number): void {
  db.transaction(() => {
    db.exec(`${LIVE_TABLE}
      INSERT INTO live (name, id)
        SELECT l.name, l.id FROM log AS l
        JOIN (SELECT max(id) AS id FROM log GROUP BY name) AS newest ON newest.id = l.id
        WHERE l.deleted = 0;
      PRAGMA user_version = ${version};`);
  })();
}

/**
 * Makes the file give the pages compaction frees back to the file system in steps (incremental
 * vacuum). A new file is created that way; an older one is rewritten once with VACUUM, which also
 * runs again if a crash came between an upgrade and its VACUUM.
 */
export function ensureIncrementalVacuum(db: Database.Database): void {
  if (Number(db.pragma('auto_vacuum', { simple: true })) === AUTO_VACUUM_INCREMENTAL) return;
  db.pragma('auto_vacuum = INCREMENTAL');
  db.exec('VACUUM');
}
