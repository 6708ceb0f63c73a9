/** Conformance for durable drivers: closing and reopening keeps objects, revisions and history. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Store } from '../types.ts';
import { rejectsWith, startWatch, summary, take, type StoreHarness } from './harness.ts';

/** Registers the restart tests, when `harness` can reopen a store. */
export function restartSuite(harness: StoreHarness): void {
  const reopen = harness.reopen;
  if (reopen === undefined) return;
  describe('restart', () => {
    test('reopening gives the same objects, revision and compaction point', async () => {
      let store: Store = await harness.open();
      try {
        await store.create('/a', { v: 1 });
        await store.create('/b', { v: 1 });
        await store.update('/a', { v: 2 });
        await store.delete('/b');
        await store.compact(3);
        const before = await store.list('');
        store = await reopen(store);
        assert.deepEqual(await store.list(''), before);
        assert.equal(await store.currentRevision(), 4);
        assert.equal(await store.compactedRevision(), 3);
        assert.equal((await store.get('/a'))?.createRevision, 1);
        await rejectsWith(startWatch(store, '', 2).events.next(), 'Compacted');
        assert.equal((await store.create('/c', {})).modRevision, 5, 'revisions continue where they stopped');
      } finally {
        await store.close();
      }
    });

    test('a watch after a restart catches up from the stored log', async () => {
      let store: Store = await harness.open();
      try {
        await store.create('/a', { v: 1 });
        await store.update('/a', { v: 2 });
        await store.delete('/a');
        store = await reopen(store);
        const { events, controller } = startWatch(store, '', 0);
        const replay = await take(events, 3);
        assert.deepEqual(summary(replay), ['ADDED /a @1', 'MODIFIED /a @2', 'DELETED /a @3']);
        assert.deepEqual(replay[2]?.object, { v: 2, metadata: { resourceVersion: '3' } });
        assert.deepEqual(replay[1]?.previous, { v: 1, metadata: { resourceVersion: '1' } });
        const pending = events.next();
        await store.create('/a', { v: 3 });
        const live = await pending;
        assert.equal(live.done, false);
        assert.deepEqual(summary([live.value]), ['ADDED /a @4']);
        controller.abort();
      } finally {
        await store.close();
      }
    });

    test('a deleted key whose tombstone was compacted away stays gone after a restart', async () => {
      let store: Store = await harness.open();
      try {
        await store.create('/a', {});
        await store.delete('/a');
        await store.compact(2);
        store = await reopen(store);
        assert.equal(await store.get('/a'), undefined);
        assert.deepEqual(await store.list(''), { items: [], revision: 2 });
        assert.equal((await store.create('/a', {})).createRevision, 3);
      } finally {
        await store.close();
      }
    });
  });
}
