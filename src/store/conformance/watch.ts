/** Conformance: watch from 0, from N, live, filtered by prefix, and its end by abort. */
import assert from 'node:assert/strict';
import type { Store } from '../types.ts';
import { service, serviceKey, startWatch, summary, take, type Cases } from './harness.ts';

const web = serviceKey('web');
const db = serviceKey('db');

// create web @1, create db @2, update web @3, delete db @4
async function fourWrites(store: Store): Promise<void> {
  await store.create(web, service('web'));
  await store.create(db, service('db'));
  await store.update(web, service('web', 81));
  await store.delete(db);
}

/** Cases: watch. */
export const watchCases: Cases = {
  'from 0 replays every change in order, then follows live changes': async (store) => {
    await fourWrites(store);
    const { events, controller } = startWatch(store, '/registry/services/', 0);
    const replay = await take(events, 4);
    assert.deepEqual(summary(replay), [`ADDED ${web} @1`, `ADDED ${db} @2`, `MODIFIED ${web} @3`, `DELETED ${db} @4`]);
    const pending = events.next();
    await store.create(db, service('db', 5432));
    const live = await pending;
    assert.equal(live.done, false);
    assert.deepEqual(summary([live.value]), [`ADDED ${db} @5`]);
    controller.abort();
    assert.equal((await events.next()).done, true);
  },

  'from N delivers only changes after N': async (store) => {
    await fourWrites(store);
    const { events, controller } = startWatch(store, '', 2);
    assert.deepEqual(summary(await take(events, 2)), [`MODIFIED ${web} @3`, `DELETED ${db} @4`]);
    controller.abort();
  },

  'every event object carries its revision; DELETED carries the deletion revision; previous is the old state': async (
    store,
  ) => {
    await fourWrites(store);
    const { events, controller } = startWatch(store, '', 0);
    const [added, , modified, deleted] = await take(events, 4);
    assert.ok(added && modified && deleted);
    assert.equal(added.object.metadata.resourceVersion, '1');
    assert.equal(added.previous, undefined, 'ADDED has no previous state');
    assert.equal(modified.object.metadata.resourceVersion, '3');
    assert.deepEqual(modified.object.spec, { ports: [{ port: 81 }] });
    assert.equal(modified.previous?.metadata.resourceVersion, '1');
    assert.deepEqual(modified.previous.spec, { ports: [{ port: 80 }] });
    assert.equal(deleted.revision, 4);
    assert.equal(deleted.object.metadata.resourceVersion, '4');
    assert.deepEqual(deleted.object.metadata.name, 'db');
    assert.equal(deleted.previous?.metadata.resourceVersion, '2');
    controller.abort();
  },

  'live DELETED events carry the deletion revision too': async (store) => {
    await store.create(web, service('web'));
    const { events, controller } = startWatch(store, '', 1);
    const pending = events.next();
    const deleted = await store.delete(web);
    const event = await pending;
    assert.equal(event.done, false);
    assert.equal(event.value.type, 'DELETED');
    assert.equal(event.value.revision, deleted.modRevision);
    assert.equal(event.value.object.metadata.resourceVersion, String(deleted.modRevision));
    controller.abort();
  },

  'a watch sees only keys under its prefix, in history and live': async (store) => {
    await store.create('/registry/pods/default/p', {});
    await store.create(web, service('web'));
    const { events, controller } = startWatch(store, '/registry/services/', 0);
    const pending = take(events, 2);
    await store.create('/registry/pods/default/q', {});
    await store.create('/registry/servicesx/default/q', {});
    await store.create(db, service('db'));
    assert.deepEqual(summary(await pending), [`ADDED ${web} @2`, `ADDED ${db} @5`]);
    controller.abort();
  },

  'a watch from a future revision starts after it': async (store) => {
    const { events, controller } = startWatch(store, '', 2);
    const pending = events.next();
    await store.create('/a', {});
    await store.create('/b', {});
    await store.create('/c', {});
    const first = await pending;
    assert.equal(first.done, false);
    assert.deepEqual(summary([first.value]), ['ADDED /c @3']);
    controller.abort();
  },

  'abort ends a waiting watch, and a watch aborted before it starts yields nothing': async (store) => {
    await store.create('/a', {});
    const { events, controller } = startWatch(store, '', 1);
    const pending = events.next();
    controller.abort();
    assert.equal((await pending).done, true);
    const early = startWatch(store, '', 0);
    early.controller.abort();
    assert.equal((await early.events.next()).done, true);
    await store.create('/b', {});
    assert.equal((await events.next()).done, true, 'an ended watch stays ended');
  },

  'a for-await loop over a watch can stop with break': async (store) => {
    await fourWrites(store);
    const seen: number[] = [];
    for await (const event of store.watch('', 0, new AbortController().signal)) {
      seen.push(event.revision);
      if (seen.length === 2) break;
    }
    assert.deepEqual(seen, [1, 2]);
  },

  'abort stops a watch in the middle of its catch-up': async (store) => {
    for (let i = 0; i < 10; i++) await store.create(`/k${i}`, {});
    const { events, controller } = startWatch(store, '', 0);
    await take(events, 2);
    controller.abort();
    assert.equal((await events.next()).done, true, 'no more events after the abort');
  },
};
