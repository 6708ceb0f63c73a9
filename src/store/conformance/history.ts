/**
 * Conformance: reads cost what the current state holds, never what the history holds; compaction
 * removes the history below its point (in steps, with writes and watches going on between them).
 */
import assert from 'node:assert/strict';
import type { StoreError } from '../errors.ts';
import type { Store } from '../types.ts';
import { rejectsWith, service, serviceKey, startWatch, summary, take, takeUntil, type Cases } from './harness.ts';

const LEASE = '/registry/leases/kube-node-lease/node-1';
const UPDATES = 10_000;

/** What get and list return for a few keys, and the work the driver did to read them (if it counts). */
async function readAll(store: Store, visited: ((store: Store) => number) | undefined) {
  const before = visited?.(store) ?? 0;
  const services = await store.list('/registry/services/');
  const afterList = visited?.(store) ?? 0;
  const one = await store.get(serviceKey('web-7'));
  const missing = await store.get(serviceKey('absent'));
  const afterGet = visited?.(store) ?? 0;
  const leases = await store.list('/registry/leases/');
  return { services, one, missing, leases, listWork: afterList - before, getWork: afterGet - afterList };
}

/** Cases: reads against a long history, and what compaction removes. */
export const historyCases: Cases = {
  [`list and get read the same after ${UPDATES} updates of one key, doing no more work`]: {
    hints: { manyWrites: true },
    body: async (store, harness) => {
      for (let i = 0; i < 20; i++) await store.create(serviceKey(`web-${i}`), service(`web-${i}`, 80 + i));
      const lease = await store.create(LEASE, { kind: 'Lease', spec: { renewTime: 0 } });
      const before = await readAll(store, harness.entriesVisited);
      for (let i = 1; i <= UPDATES; i++) await store.update(LEASE, { kind: 'Lease', spec: { renewTime: i } });
      const after = await readAll(store, harness.entriesVisited);
      assert.deepEqual(after.services.items, before.services.items);
      assert.equal(after.services.revision, before.services.revision + UPDATES);
      assert.deepEqual(after.one, before.one);
      assert.equal(after.missing, undefined);
      const renewed = after.leases.items[0];
      assert.equal(after.leases.items.length, 1);
      assert.ok(renewed !== undefined);
      assert.deepEqual(renewed.object.spec, { renewTime: UPDATES });
      assert.equal(renewed.createRevision, lease.createRevision);
      assert.equal(renewed.modRevision, lease.modRevision + UPDATES);
      assert.equal((await store.list('')).items.length, 21);
      if (harness.entriesVisited !== undefined) {
        assert.equal(after.listWork, before.listWork, 'a list looks at as many entries as before');
        assert.equal(after.getWork, before.getWork, 'a get looks at as many entries as before');
      }
    },
  },

  'compaction removes the history below its point and keeps the current state': async (store, harness) => {
    await store.create('/a', { v: 0 });
    for (let v = 1; v <= 100; v++) await store.update('/a', { v });
    await store.create('/b', {});
    await store.delete('/b');
    await store.create('/c', { v: 0 });
    const point = await store.currentRevision();
    const before = await store.list('');
    assert.equal(await store.compact(point), point);
    assert.deepEqual(await store.list(''), before);
    assert.equal((await store.get('/a'))?.object.v, 100);
    assert.equal(await store.get('/b'), undefined);
    if (harness.historyRows !== undefined) {
      assert.equal(harness.historyRows(store), 2, 'only the rows of the live keys /a and /c are left');
    }
    const error = (await rejectsWith(startWatch(store, '', point - 1).events.next(), 'Compacted')) as StoreError;
    assert.equal(error.compactedRevision, point);
    const { events, controller } = startWatch(store, '', point);
    await store.update('/a', { v: 101 });
    const [modified] = await take(events, 1);
    assert.deepEqual(modified?.previous, { v: 100, metadata: { resourceVersion: '101' } });
    controller.abort();
  },

  'a compaction in steps leaves the writes and watches made between its steps intact': {
    hints: { compactionStep: 7 },
    body: async (store, harness) => {
      for (let i = 0; i < 50; i++) await store.create(`/k${i % 10}-${Math.floor(i / 10)}`, { i });
      for (let i = 0; i < 100; i++) await store.update(`/k${i % 10}-0`, { i });
      const { events, controller } = startWatch(store, '/k', 150);
      // Both compactions run in steps; the writes land between steps, after the compaction point.
      const first = store.compact(100);
      const second = store.compact(150);
      const points = new Set<number>();
      for (let i = 0; i < 20; i++) {
        await store.update(`/k${i % 10}-1`, { later: i });
        points.add(await store.compactedRevision());
        await new Promise(setImmediate);
      }
      assert.deepEqual(await Promise.all([first, second]), [100, 150]);
      assert.ok(points.size > 2, `the writes ran between compaction steps (points seen: ${[...points].join(', ')})`);
      assert.equal(await store.compactedRevision(), 150);
      const seen = await takeUntil(events, 170);
      assert.deepEqual(
        seen.map((event) => event.revision),
        Array.from({ length: 20 }, (_, i) => 151 + i),
      );
      assert.equal(summary(seen)[0], 'MODIFIED /k0-1 @151');
      assert.equal((await store.list('/k')).items.length, 50);
      if (harness.historyRows !== undefined) assert.equal(harness.historyRows(store), 50 + 20);
      controller.abort();
    },
  },
};
