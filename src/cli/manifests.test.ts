import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ManifestError, parseManifestText, readManifests } from './manifests.ts';

test('multi-document YAML, JSON and Lists become one object list', () => {
  const text = [
    'apiVersion: v1\nkind: Service\nmetadata: {name: a}',
    '',
    '{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "b"}}]}',
  ].join('\n---\n');
  const names = parseManifestText(text, 'x.yaml').map((m) => (m.object['metadata'] as { name: string }).name);
  assert.deepEqual(names, ['a', 'b']);
});

test('malformed YAML names the file and line, never a stack trace', () => {
  assert.throws(
    () => parseManifestText('kind: Service\nmetadata:\n  name: [a\n', 'bad.yaml'),
    (error: unknown) =>
      error instanceof ManifestError && /^error parsing bad\.yaml: yaml: line \d+: /.test(error.message),
  );
});

test('an object without kind is refused with kubectl-like words', () => {
  assert.throws(() => parseManifestText('metadata: {name: a}', 'k.yaml'), /Object 'Kind' is missing/);
});

test('directories expand to their manifest files; - reads stdin', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-manifests-'));
  try {
    writeFileSync(join(dir, 'b.yaml'), 'kind: Service\nmetadata: {name: b}\n');
    writeFileSync(join(dir, 'a.json'), '{"kind": "Service", "metadata": {"name": "a"}}');
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    const objects = readManifests([dir, '-'], () => 'kind: Service\nmetadata: {name: c}\n');
    assert.deepEqual(
      objects.map((m) => (m.object['metadata'] as { name: string }).name),
      ['a', 'b', 'c'],
    );
    assert.throws(() => readManifests([join(dir, 'missing.yaml')]), /does not exist/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
