/** Conformance: compaction keeps the current state, and watches from before it fail with `Compacted`. */
import assert from 'node:assert/strict';
import type { StoreError } from '../errors.ts';
import { rejectsWith, startWatch, summary, take, type Cases } from './harness.ts';

/** Cases: compaction. */
export const compactionCases: Cases = {
  'compaction keeps every live object, the revision and the list': async (store) => {
    await store.create('/a', { v: 1 });
    await store.create('/b', { v: 1 });
    await store.update('/a', { v: 2 });
    await store.delete('/b');
    await store.create('/c', { v: 1 });
    const before = await store.list('');
    assert.equal(await store.compactedRevision(), 0);
    assert.equal(await store.compact(5), 5);
    assert.equal(await store.compactedRevision(), 5);
    assert.deepEqual(await store.list(''), before);
    assert.equal(await store.currentRevision(), 5);
    assert.equal((await store.update('/a', { v: 3 })).modRevision, 6);
  },

  'a watch from before the compaction point fails with Compacted, naming both revisions': async (store) => {
    for (let i = 0; i < 5; i++) await store.create(`/k${i}`, {});
    await store.compact(5);
    const error = (await rejectsWith(startWatch(store, '', 1).events.next(), 'Compacted')) as StoreError;
    assert.equal(error.revision, 1);
    assert.equal(error.compactedRevision, 5);
    await rejectsWith(startWatch(store, '', 0).events.next(), 'Compacted');
  },

  'a watch from the compaction point gets every later change, with previous states': async (store) => {
    await store.create('/a', { v: 1 });
    await store.update('/a', { v: 2 });
    await store.create('/b', {});
    await store.delete('/b');
    await store.compact(4);
    await store.update('/a', { v: 3 });
    await store.create('/b', { again: true });
    const { events, controller } = startWatch(store, '', 4);
    const changes = await take(events, 2);
    assert.deepEqual(summary(changes), ['MODIFIED /a @5', 'ADDED /b @6']);
    const [modified, added] = changes;
    assert.deepEqual(modified?.previous, { v: 2, metadata: { resourceVersion: '2' } });
    assert.equal(added?.object.metadata.resourceVersion, '6');
    controller.abort();
  },

  'compacting to the past changes nothing; compacting to the future fails': async (store) => {
    await store.create('/a', {});
    await store.create('/b', {});
    assert.equal(await store.compact(2), 2);
    assert.equal(await store.compact(1), 2);
    assert.equal(await store.compactedRevision(), 2);
    await rejectsWith(store.compact(3), 'InvalidArgument');
  },

  'a reader that falls behind a compaction fails with Compacted rather than skip changes': async (store) => {
    // More writes than one catch-up page, so the watch must read the log again after compacting.
    await store.create('/a', { i: 0 });
    for (let i = 1; i < 600; i++) await store.update('/a', { i });
    const { events, controller } = startWatch(store, '', 0);
    const first = await take(events, 1);
    assert.equal(first[0]?.revision, 1);
    await store.compact(600);
    await assert.rejects(
      async () => {
        for (;;) await take(events, 1);
      },
      (error: unknown) => (error as StoreError).code === 'Compacted',
    );
    controller.abort();
  },
};
