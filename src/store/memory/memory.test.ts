import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runConformance } from '../conformance.ts';
import { isStoreError } from '../errors.ts';
import { openStore } from '../open.ts';
import { openMemoryStore } from './memory.ts';

runConformance({ name: 'memory', open: (hints) => Promise.resolve(openMemoryStore(hints)) }, { modelRuns: 200 });

test('memory:// opens an empty store; a location or an option is refused', async () => {
  const store = await openStore('memory://');
  assert.equal(store.driver, 'memory');
  assert.equal(await store.currentRevision(), 0);
  await store.close();
  await assert.rejects(openStore('memory://somewhere'), (error) => isStoreError(error, 'Unsupported'));
  await assert.rejects(openStore('memory://?size=1'), /memory:\/\/ has no option "size"/);
});

test('two memory stores share nothing', async () => {
  const one = openMemoryStore();
  const two = openMemoryStore();
  await one.create('/a', {});
  assert.equal(await two.get('/a'), undefined);
  await Promise.all([one.close(), two.close()]);
});
