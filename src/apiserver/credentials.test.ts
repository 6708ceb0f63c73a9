import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { verifyNodeToken, kubeletClientToken } from '../client/node-credentials.ts';
import { ensureCredentials, nodeKubeconfigPath, writeNodeKubeconfigs } from './credentials.ts';

const root = mkdtempSync(join(tmpdir(), 'portico-credentials-'));
const modeOf = (path: string): number => statSync(path).mode & 0o777;

after(() => {
  rmSync(root, { recursive: true, force: true });
});

test('keys and the token are owner-only, in an owner-only folder, also when they existed before', () => {
  const dir = join(root, 'pki');
  mkdirSync(dir, { mode: 0o755 });
  ensureCredentials(dir);
  chmodSync(dir, 0o755);
  for (const file of ['ca.key', 'apiserver.key', 'admin-token']) chmodSync(join(dir, file), 0o644);
  const credentials = ensureCredentials(dir);
  assert.equal(modeOf(dir), 0o700);
  for (const file of ['ca.key', 'apiserver.key', 'admin-token', 'apiserver.csr']) {
    assert.equal(modeOf(join(dir, file)), 0o600, file);
  }
  assert.equal(readFileSync(join(dir, 'admin-token'), 'utf8').trim(), credentials.adminToken);
});

test("node kubeconfigs carry each node's own token and are owner-only", () => {
  const dir = join(root, 'data');
  const credentials = ensureCredentials(dir);
  const paths = writeNodeKubeconfigs(dir, 'https://127.0.0.1:6443', credentials, ['n1', 'n2']);
  assert.deepEqual(paths, [nodeKubeconfigPath(dir, 'n1'), nodeKubeconfigPath(dir, 'n2')]);
  assert.equal(modeOf(join(dir, 'nodes')), 0o700);
  for (const [index, name] of ['n1', 'n2'].entries()) {
    const path = paths[index] ?? '';
    assert.equal(modeOf(path), 0o600);
    const text = readFileSync(path, 'utf8');
    const token = /token: (\S+)/.exec(text)?.[1] ?? '';
    assert.equal(verifyNodeToken(kubeletClientToken(credentials.adminToken), token), name);
    assert.match(text, new RegExp(`user: system:node:${name}`));
  }
});
