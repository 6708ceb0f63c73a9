// The repository's copy of the conformance vectors stays byte-equal to the shared source where that exists.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sharedVectorsPath, vectorsPath } from './support/vectors-file.ts';

const skip = existsSync(sharedVectorsPath)
  ? false
  : `the shared vectors are not beside this checkout (${sharedVectorsPath})`;
if (skip !== false) console.log(`# skipping the copy check: ${skip}`);

test('test/conformance/kube-proxy-vectors.json equals the shared copy', { skip }, () => {
  const ours = readFileSync(vectorsPath);
  const shared = readFileSync(sharedVectorsPath);
  assert.ok(
    ours.equals(shared),
    'test/conformance/kube-proxy-vectors.json differs from ../shared/conformance: refresh it (see test/conformance/README.md)',
  );
});
