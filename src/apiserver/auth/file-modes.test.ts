import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { makePrivateDir, makePrivateFiles, preparePrivateDatabase, writePrivateFile } from './file-modes.ts';

const root = mkdtempSync(join(tmpdir(), 'portico-modes-'));
const modeOf = (path: string): number => statSync(path).mode & 0o777;

after(() => {
  rmSync(root, { recursive: true, force: true });
});

test('an existing folder and existing files readable by others become owner-only', () => {
  const dir = join(root, 'loose');
  mkdirSync(dir, { mode: 0o755 });
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'key'), 'k', { mode: 0o644 });
  chmodSync(join(dir, 'key'), 0o644);
  makePrivateDir(dir);
  makePrivateFiles(dir, ['key', 'absent']);
  assert.equal(modeOf(dir), 0o700);
  assert.equal(modeOf(join(dir, 'key')), 0o600);
});

test('a rewritten file is owner-only even when it existed with a looser mode', () => {
  const path = join(root, 'kubeconfig');
  writeFileSync(path, 'old');
  chmodSync(path, 0o644);
  writePrivateFile(path, 'new');
  assert.equal(modeOf(path), 0o600);
});

test('a database is created owner-only, and an existing one and its WAL are fixed', () => {
  const fresh = join(root, 'fresh.db');
  preparePrivateDatabase(fresh);
  assert.equal(modeOf(fresh), 0o600);
  const old = join(root, 'old.db');
  for (const file of [old, `${old}-wal`, `${old}-shm`]) {
    writeFileSync(file, '');
    chmodSync(file, 0o644);
  }
  preparePrivateDatabase(old);
  for (const file of [old, `${old}-wal`, `${old}-shm`]) assert.equal(modeOf(file), 0o600, file);
});
