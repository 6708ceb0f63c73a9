/** Conformance: the global revision, argument checking, and closing. */
import assert from 'node:assert/strict';
import { rejectsWith, startWatch, type Cases } from './harness.ts';

/** Cases: revisions. */
export const revisionCases: Cases = {
  'every write takes the next global revision, across keys; failed writes take none': async (store) => {
    assert.equal(await store.currentRevision(), 0);
    const seen: number[] = [];
    seen.push((await store.create('/a', {})).modRevision);
    seen.push((await store.create('/b', {})).modRevision);
    await rejectsWith(store.create('/a', {}), 'AlreadyExists');
    seen.push((await store.update('/a', { v: 1 })).modRevision);
    await rejectsWith(store.update('/a', {}, { expectedRevision: 1 }), 'Conflict');
    await rejectsWith(store.delete('/zzz'), 'NotFound');
    seen.push((await store.delete('/b')).modRevision);
    seen.push((await store.create('/c', {})).modRevision);
    assert.deepEqual(seen, [1, 2, 3, 4, 5]);
    assert.equal(await store.currentRevision(), 5);
  },
};

/** Cases: arguments. */
export const argumentCases: Cases = {
  'bad keys, objects and revisions fail with InvalidArgument': async (store) => {
    await rejectsWith(store.create('', {}), 'InvalidArgument');
    await rejectsWith(store.create('/lone\uD800', {}), 'InvalidArgument');
    await rejectsWith(store.get(42 as unknown as string), 'InvalidArgument');
    await rejectsWith(store.create('/a', [] as object), 'InvalidArgument');
    await rejectsWith(store.create('/a', null as unknown as object), 'InvalidArgument');
    await rejectsWith(store.create('/a', { metadata: 'x' }), 'InvalidArgument');
    await rejectsWith(store.create('/a', { n: 1n }), 'InvalidArgument');
    await store.create('/a', {});
    await rejectsWith(store.update('/a', {}, { expectedRevision: -1 }), 'InvalidArgument');
    await rejectsWith(store.delete('/a', { expectedRevision: 1.5 }), 'InvalidArgument');
    await rejectsWith(store.compact(-1), 'InvalidArgument');
    assert.equal(await store.currentRevision(), 1, 'nothing bad was written');
  },

  'a watch with a bad revision fails with InvalidArgument when iterated': async (store) => {
    const { events } = startWatch(store, '/', -1);
    await rejectsWith(events.next(), 'InvalidArgument');
  },
};

/** Cases: close. */
export const closeCases: Cases = {
  'after close every call fails with Closed; closing again is harmless': async (store) => {
    await store.create('/a', {});
    await store.close();
    await store.close();
    await rejectsWith(store.get('/a'), 'Closed');
    await rejectsWith(store.list(''), 'Closed');
    await rejectsWith(store.create('/b', {}), 'Closed');
    await rejectsWith(store.update('/a', {}), 'Closed');
    await rejectsWith(store.delete('/a'), 'Closed');
    await rejectsWith(store.currentRevision(), 'Closed');
    await rejectsWith(store.compact(0), 'Closed');
    await rejectsWith(startWatch(store, '', 0).events.next(), 'Closed');
  },

  'a waiting watch fails with Closed when the store closes': async (store) => {
    const { events } = startWatch(store, '', 0);
    const pending = events.next();
    await store.close();
    await rejectsWith(pending, 'Closed');
  },
};
