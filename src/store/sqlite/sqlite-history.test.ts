/**
 * The SQLite driver's current state, compaction and upgrades: the reads' query plans touch the live
 * keys only, compaction gives space back, and files of schema 1 open and are upgraded in place.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { startWatch, summary, take } from '../conformance/harness.ts';
import { COMPACTION_SQL, CURRENT_STATE_SQL } from './queries.ts';
import { SCHEMA_VERSION } from './schema.ts';
import { openSqliteStore } from './sqlite.ts';

const dir = mkdtempSync(join(tmpdir(), 'portico-store-history-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `inspect` on the closed store file at `path` (the store holds an exclusive lock while open). */
function inspect<T>(path: string, inspect: (db: Database.Database) => T): T {
  const db = new Database(path);
  try {
    return inspect(db);
  } finally {
    db.close();
  }
}

/** The query plan of `sql` as SQLite reports it, one line per step. */
function planOf(db: Database.Database, sql: string, ...parameters: unknown[]): string[] {
  const rows = db.prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters);
  return rows.map((row) => row.detail);
}

test('get and list read the live table by its key, and the log by row id: no scan, whatever the history', async () => {
  const path = join(dir, 'plans.db');
  const store = openSqliteStore(path, { sync: 'normal' });
  await store.create('/registry/services/default/web', { v: 0 });
  await store.create('/registry/leases/node-1', { v: 0 });
  for (let v = 1; v <= 2000; v++) await store.update('/registry/leases/node-1', { v });
  await store.create('/registry/pods/default/gone', {});
  await store.delete('/registry/pods/default/gone');
  await store.close();
  inspect(path, (db) => {
    const byRowId = 'SEARCH l USING INTEGER PRIMARY KEY (rowid=?)';
    assert.deepEqual(planOf(db, CURRENT_STATE_SQL.get, '/a'), ['SEARCH k USING PRIMARY KEY (name=?)', byRowId]);
    const range = { start: '/registry/', end: '/registry0' };
    assert.deepEqual(planOf(db, CURRENT_STATE_SQL.list(true), range), [
      'SEARCH k USING PRIMARY KEY (name>? AND name<?)',
      byRowId,
    ]);
    assert.deepEqual(planOf(db, CURRENT_STATE_SQL.list(false), { start: '' }), [
      'SEARCH k USING PRIMARY KEY (name>?)',
      byRowId,
    ]);
    const live = db.prepare('SELECT name, id FROM live ORDER BY name').all();
    assert.deepEqual(live, [
      { name: '/registry/leases/node-1', id: 2002 },
      { name: '/registry/services/default/web', id: 1 },
    ]);
  });
});

test('a compaction step deletes by ranges of row ids, never scanning the log', async () => {
  const path = join(dir, 'compaction-plans.db');
  await openSqliteStore(path).close();
  inspect(path, (db) => {
    for (const sql of Object.values(COMPACTION_SQL)) {
      const plan = planOf(db, sql, 1, 2);
      assert.ok(plan.length > 0 && plan.every((step) => !step.startsWith('SCAN')), plan.join('; '));
      assert.ok(plan.includes('SEARCH log USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)'), plan.join('; '));
    }
  });
});

test('compaction gives the freed pages back to the file system (incremental vacuum)', async () => {
  const path = join(dir, 'vacuum.db');
  const store = openSqliteStore(path, { sync: 'normal' });
  const padding = 'x'.repeat(2000);
  await store.create('/a', { v: 0, padding });
  for (let v = 1; v < 3000; v++) await store.update('/a', { v, padding });
  await store.close();
  const grown = inspect(path, (db) => Number(db.pragma('page_count', { simple: true })));
  const reopened = openSqliteStore(path, { sync: 'normal' });
  await reopened.compact(3000);
  assert.equal((await reopened.get('/a'))?.object.v, 2999);
  await reopened.close();
  inspect(path, (db) => {
    assert.equal(db.pragma('auto_vacuum', { simple: true }), 2, 'incremental');
    assert.equal(db.pragma('freelist_count', { simple: true }), 0);
    const pages = Number(db.pragma('page_count', { simple: true }));
    assert.ok(pages * 20 < grown, `the file shrank from ${grown} pages to ${pages}`);
  });
});

// Schema 1, as the store wrote it before the live table existed.
const SCHEMA_1 = `
CREATE TABLE log (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  name            TEXT    NOT NULL,
  created         INTEGER NOT NULL,
  deleted         INTEGER NOT NULL,
  create_revision INTEGER NOT NULL,
  prev_revision   INTEGER NOT NULL,
  value           TEXT    NOT NULL
);
CREATE INDEX log_name_id ON log (name, id);
CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO meta (name, value) VALUES ('compacted_revision', 0);
PRAGMA user_version = 1;
`;

// (id, name, created, deleted, create_revision, prev_revision, value): /a created and updated twice,
// /b created and deleted, /c created, deleted and created again, /d created then updated at the end.
const ROWS_1: readonly (readonly [number, string, number, number, number, number, string])[] = [
  [1, '/a', 1, 0, 1, 0, '{"v":1}'],
  [2, '/b', 1, 0, 2, 0, '{"b":1}'],
  [3, '/a', 0, 0, 1, 1, '{"v":2}'],
  [4, '/c', 1, 0, 4, 0, '{"c":1}'],
  [5, '/b', 0, 1, 2, 2, '{"b":1}'],
  [6, '/c', 0, 1, 4, 4, '{"c":1}'],
  [7, '/c', 1, 0, 7, 6, '{"c":2}'],
  [8, '/a', 0, 0, 1, 3, '{"v":3}'],
  [9, '/d', 1, 0, 9, 0, '{"d":1}'],
  [10, '/d', 0, 0, 9, 9, '{"d":2}'],
];

/** A file of schema 1 in WAL mode, compacted to revision 4 the way that schema did it. */
function writeSchema1File(path: string): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec(SCHEMA_1);
  const insert = db.prepare('INSERT INTO log VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const row of ROWS_1) insert.run(...row);
  db.exec(`DELETE FROM log WHERE id IN (1); UPDATE meta SET value = 4 WHERE name = 'compacted_revision'`);
  db.close();
}

test('a file of schema 1 (the log alone) opens, and is upgraded in place with its live state', async () => {
  const path = join(dir, 'schema-1.db');
  writeSchema1File(path);
  const store = openSqliteStore(path);
  try {
    assert.equal(await store.currentRevision(), 10);
    assert.equal(await store.compactedRevision(), 4);
    const { items, revision } = await store.list('');
    assert.equal(revision, 10);
    assert.deepEqual(
      items.map((item) => [item.key, item.object, item.createRevision, item.modRevision]),
      [
        ['/a', { v: 3, metadata: { resourceVersion: '8' } }, 1, 8],
        ['/c', { c: 2, metadata: { resourceVersion: '7' } }, 7, 7],
        ['/d', { d: 2, metadata: { resourceVersion: '10' } }, 9, 10],
      ],
    );
    assert.equal(await store.get('/b'), undefined);
    const { events, controller } = startWatch(store, '', 4);
    const replay = await take(events, 6);
    assert.deepEqual(summary(replay), [
      'DELETED /b @5',
      'DELETED /c @6',
      'ADDED /c @7',
      'MODIFIED /a @8',
      'ADDED /d @9',
      'MODIFIED /d @10',
    ]);
    assert.deepEqual(replay[3]?.previous, { v: 2, metadata: { resourceVersion: '3' } });
    controller.abort();
    assert.equal((await store.update('/a', { v: 4 })).modRevision, 11, 'revisions go on from the file');
    assert.equal((await store.create('/b', { b: 2 })).createRevision, 12);
  } finally {
    await store.close();
  }
  inspect(path, (db) => {
    assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    assert.equal(db.pragma('auto_vacuum', { simple: true }), 2, 'rewritten for incremental vacuum');
    assert.deepEqual(db.prepare('SELECT name, id FROM live ORDER BY name').all(), [
      { name: '/a', id: 11 },
      { name: '/b', id: 12 },
      { name: '/c', id: 7 },
      { name: '/d', id: 10 },
    ]);
  });
});

test('a store file without incremental vacuum (an upgrade cut short before its VACUUM) is converted', async () => {
  const path = join(dir, 'no-vacuum.db');
  const store = openSqliteStore(path);
  await store.create('/a', {});
  await store.close();
  inspect(path, (db) => {
    db.pragma('auto_vacuum = NONE');
    db.exec('VACUUM');
    assert.equal(db.pragma('auto_vacuum', { simple: true }), 0);
  });
  const reopened = openSqliteStore(path);
  assert.equal((await reopened.get('/a'))?.modRevision, 1);
  await reopened.close();
  inspect(path, (db) => {
    assert.equal(db.pragma('auto_vacuum', { simple: true }), 2);
  });
});
