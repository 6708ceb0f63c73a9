/**
 * The SQLite file: the log table as kine keeps it (row id = revision), a `live` table naming each live
 * key's newest row (the current state get and list read), and a small meta table for the compaction
 * point. Files of schema 1 (the log alone) are upgraded in place when opened (migrate.ts).
 */
import Database from 'better-sqlite3';
import { unsupported } from '../errors.ts';
import { LIVE_TABLE, ensureIncrementalVacuum, upgradeFromVersion1 } from './migrate.ts';

/** The schema version this code writes (`PRAGMA user_version`). */
export const SCHEMA_VERSION = 2;

const SCHEMA = `
CREATE TABLE log (
  id              INTEGER PRIMARY KEY AUTOINCREMENT, -- the revision; AUTOINCREMENT never reuses one
  name            TEXT    NOT NULL,                  -- the key
  created         INTEGER NOT NULL,                  -- 1: first row of the key's life
  deleted         INTEGER NOT NULL,                  -- 1: tombstone, value is the last state
  create_revision INTEGER NOT NULL,
  prev_revision   INTEGER NOT NULL,                  -- the row this one replaces, 0 if none
  value           TEXT    NOT NULL                   -- JSON, without metadata.resourceVersion
);
-- the newest row of a name that is not live (a tombstone, which a re-create points back at).
CREATE INDEX log_name_id ON log (name, id);
${LIVE_TABLE}
CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO meta (name, value) VALUES ('compacted_revision', 0);
PRAGMA user_version = ${SCHEMA_VERSION};
`;

/** How hard SQLite syncs to disk: `full` on every commit, or `normal` (WAL: safe against crashes, not power loss). */
export type SyncMode = 'full' | 'normal';

// Past a checkpoint the WAL file is cut back to this size, rather than staying at its largest.
const WAL_SIZE_LIMIT_BYTES = 16 * 2 ** 20;

/**
 * Opens (creating if needed) the database at `path` in WAL mode with an exclusive lock: watches are
 * fed by this process's writes, so a second writer would go unseen, and is refused instead.
 */
export function openDatabase(path: string, sync: SyncMode): Database.Database {
  const db = new Database(path, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // Takes effect only in a file without tables, and must come before WAL mode writes the header;
    // older files are converted by ensureIncrementalVacuum.
    db.pragma('auto_vacuum = INCREMENTAL');
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw unsupported(`sqlite: ${path} cannot use WAL mode (journal mode is ${String(mode)})`);
    db.pragma(`synchronous = ${sync.toUpperCase()}`);
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    migrate(db, path);
    ensureIncrementalVacuum(db);
    return db;
  } catch (error) {
    db.close();
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
      throw unsupported(`sqlite: ${path} is open in another store; one store per database file`, error);
    }
    throw error;
  }
}

/** Creates the schema in a new file and upgrades older ones; refuses files this code did not write. */
function migrate(db: Database.Database, path: string): void {
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version === SCHEMA_VERSION) return;
  if (version > SCHEMA_VERSION) {
    throw unsupported(`sqlite: ${path} has schema version ${version}; this build reads up to ${SCHEMA_VERSION}`);
  }
  if (version === 1) {
    upgradeFromVersion1(db, SCHEMA_VERSION);
    return;
  }
  const tables = db.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
  if (tables !== 0) throw unsupported(`sqlite: ${path} holds other tables; it is not a store database`);
  db.transaction(() => db.exec(SCHEMA))();
}
