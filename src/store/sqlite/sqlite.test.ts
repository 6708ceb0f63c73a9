import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { runConformance, type OpenHints } from '../conformance.ts';
import { isStoreError } from '../errors.ts';
import { LogStore } from '../log/log-store.ts';
import { openStore } from '../open.ts';
import type { Store } from '../types.ts';
import { openDatabase } from './schema.ts';
import { SqliteLog } from './sqlite-log.ts';
import { openSqliteStore } from './sqlite.ts';

const dir = mkdtempSync(join(tmpdir(), 'portico-store-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
const opened = new WeakMap<Store, { path: string; db: Database.Database }>();

// As openSqliteStore, keeping the database handle for the suite's hooks.
function open(path: string, hints: OpenHints = {}): Store {
  const db = openDatabase(path, hints.manyWrites === true ? 'normal' : 'full');
  const store = new LogStore('sqlite', new SqliteLog(db), hints);
  opened.set(store, { path, db });
  return store;
}

function openedAs(store: Store): { path: string; db: Database.Database } {
  const entry = opened.get(store);
  assert.ok(entry !== undefined, 'a store this harness did not open');
  return entry;
}

runConformance(
  {
    name: 'sqlite',
    open: (hints) => Promise.resolve(open(join(dir, `store-${++files}.db`), hints)),
    reopen: async (store) => {
      const { path } = openedAs(store);
      await store.close();
      return open(path);
    },
    historyRows: (store) => openedAs(store).db.prepare<[], number>('SELECT count(*) FROM log').pluck().get() ?? 0,
  },
  { modelRuns: 30 },
);

test('sqlite:// URLs: absolute and relative paths, the sync option, and refusals', async () => {
  const absolute = await openStore(`sqlite://${join(dir, 'url.db')}?sync=normal`);
  assert.equal(absolute.driver, 'sqlite');
  await absolute.create('/a', {});
  await absolute.close();
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const relative = await openStore('sqlite://url.db');
    assert.equal((await relative.get('/a'))?.modRevision, 1, 'a relative path starts at the working directory');
    await relative.close();
  } finally {
    process.chdir(cwd);
  }
  await assert.rejects(openStore('sqlite://'), /sqlite:\/\/ needs a path/);
  await assert.rejects(openStore(`sqlite://${join(dir, 'x.db')}?cache=shared`), /no option "cache"/);
  await assert.rejects(openStore(`sqlite://${join(dir, 'x.db')}?sync=off`), /sync must be full or normal/);
});

test('a database file open in one store is refused to a second', async () => {
  const path = join(dir, 'exclusive.db');
  const first = openSqliteStore(path);
  await first.create('/a', {});
  assert.throws(
    () => openSqliteStore(path),
    (error) => isStoreError(error, 'Unsupported') && /open in another store/.test(error.message),
  );
  await first.close();
  const second = openSqliteStore(path);
  assert.equal(await second.currentRevision(), 1);
  await second.close();
});

test('a SQLite file that is not a store is refused, and left as it was', () => {
  const path = join(dir, 'foreign.db');
  const foreign = new Database(path);
  foreign.exec('CREATE TABLE things (id INTEGER)');
  foreign.close();
  assert.throws(() => openSqliteStore(path), /holds other tables; it is not a store database/);
  const check = new Database(path);
  const tables = check.prepare('SELECT name FROM sqlite_master').pluck().all();
  check.close();
  assert.deepEqual(tables, ['things']);
});

test('the file is in WAL mode and keeps one row per write until compaction', async () => {
  const path = join(dir, 'rows.db');
  const store = openSqliteStore(path);
  await store.create('/a', { v: 1 });
  await store.update('/a', { v: 2 });
  await store.create('/b', {});
  await store.delete('/b');
  await store.close();
  const db = new Database(path, { readonly: true });
  try {
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    const rows = db.prepare('SELECT id, name, created, deleted, create_revision, prev_revision, value FROM log').all();
    assert.deepEqual(rows, [
      { id: 1, name: '/a', created: 1, deleted: 0, create_revision: 1, prev_revision: 0, value: '{"v":1}' },
      { id: 2, name: '/a', created: 0, deleted: 0, create_revision: 1, prev_revision: 1, value: '{"v":2}' },
      { id: 3, name: '/b', created: 1, deleted: 0, create_revision: 3, prev_revision: 0, value: '{}' },
      { id: 4, name: '/b', created: 0, deleted: 1, create_revision: 3, prev_revision: 3, value: '{}' },
    ]);
  } finally {
    db.close();
  }
  const reopened = openSqliteStore(path);
  await reopened.compact(4);
  await reopened.close();
  const compacted = new Database(path, { readonly: true });
  const ids = compacted.prepare('SELECT id FROM log').pluck().all();
  compacted.close();
  assert.deepEqual(ids, [2], 'only the live row of /a is left');
});
