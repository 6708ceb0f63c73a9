/** The `sqlite://` driver: `sqlite:///absolute/path.db` or `sqlite://relative/path.db` (from the working directory). */
import { resolve } from 'node:path';
import { unsupported } from '../errors.ts';
import { LogStore, type LogStoreOptions } from '../log/log-store.ts';
import type { Store } from '../types.ts';
import { openDatabase, type SyncMode } from './schema.ts';
import { SqliteLog } from './sqlite-log.ts';

/** Options of a SQLite store. */
export interface SqliteStoreOptions extends LogStoreOptions {
  /** `full` (the default) syncs every commit to disk; `normal` only at WAL checkpoints. */
  readonly sync?: SyncMode;
}

/** Opens (creating if needed) the store in the SQLite file at `path`. */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  const db = openDatabase(path, options.sync ?? 'full');
  return new LogStore('sqlite', new SqliteLog(db), options);
}

/** Opens `sqlite://<path>[?sync=full|normal]`; the path is taken as written (no %-decoding). */
export function openSqliteUrl(location: string, options: ReadonlyMap<string, string>): Store {
  if (location === '') throw unsupported('sqlite:// needs a path: sqlite:///abs/state.db or sqlite://state.db');
  let sync: SyncMode = 'full';
  for (const [name, value] of options) {
    if (name !== 'sync') throw unsupported(`sqlite:// has no option ${JSON.stringify(name)} (options: sync)`);
    if (value !== 'full' && value !== 'normal') {
      throw unsupported(`sqlite:// option sync must be full or normal, not ${JSON.stringify(value)}`);
    }
    sync = value;
  }
  return openSqliteStore(resolve(location), { sync });
}
