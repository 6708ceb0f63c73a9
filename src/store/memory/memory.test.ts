import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runConformance } from '../conformance.ts';
import { isStoreError } from '../errors.ts';
import { LogStore } from '../log/log-store.ts';
import { openStore } from '../open.ts';
import type { Store } from '../types.ts';
import { MemoryLog } from './memory-log.ts';
import { openMemoryStore } from './memory.ts';

// The suite's counting hooks read the log behind each store.
const logs = new WeakMap<Store, MemoryLog>();

function logOf(store: Store): MemoryLog {
  const log = logs.get(store);
  assert.ok(log !== undefined, 'a store this harness did not open');
  return log;
}

runConformance(
  {
    name: 'memory',
    open: (hints = {}) => {
      const log = new MemoryLog();
      const store = new LogStore('memory', log, hints);
      logs.set(store, log);
      return Promise.resolve(store);
    },
    historyRows: (store) => logOf(store).historyRows,
    entriesVisited: (store) => logOf(store).entriesVisited,
  },
  { modelRuns: 200 },
);

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
