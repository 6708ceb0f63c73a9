import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_COMPACTION_INTERVAL_MS, startCompactor, type CompactionTimer } from './compactor.ts';
import { isStoreError, type StoreError } from './errors.ts';
import { openMemoryStore } from './memory/memory.ts';
import type { Store } from './types.ts';

/** A timer fired by hand: it keeps the one pending tick and the delays it was asked for. */
class ManualTimer implements CompactionTimer {
  readonly delays: number[] = [];
  #pending: (() => Promise<void>) | undefined;

  after(ms: number, tick: () => Promise<void>): () => void {
    this.delays.push(ms);
    this.#pending = tick;
    return () => {
      if (this.#pending === tick) this.#pending = undefined;
    };
  }

  get pending(): boolean {
    return this.#pending !== undefined;
  }

  /** Runs the pending tick to its end, as if the interval had passed. */
  async fire(): Promise<void> {
    const tick = this.#pending;
    assert.ok(tick !== undefined, 'no tick is pending');
    this.#pending = undefined;
    await tick();
  }
}

/** Writes `key` `count` times (a create first if it does not exist). */
async function writes(store: Store, key: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    if ((await store.get(key)) === undefined) await store.create(key, { i });
    else await store.update(key, { i });
  }
}

/** `store` with a `compact` that fails the first `failures` times. */
function failingCompactions(store: Store, failures: number): Store {
  let left = failures;
  return new Proxy(store, {
    get(target, name) {
      if (name === 'compact') {
        return (revision: number) => (left-- > 0 ? Promise.reject(new Error('disk full')) : target.compact(revision));
      }
      const value: unknown = Reflect.get(target, name);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

test('the default interval is kube-apiserver’s 5 minutes', () => {
  assert.equal(DEFAULT_COMPACTION_INTERVAL_MS, 300_000);
});

test('each tick compacts to the revision seen one interval before, keeping a window of history', async () => {
  const store = openMemoryStore();
  const timer = new ManualTimer();
  const compactor = startCompactor(store, { intervalMs: 60_000, timer });
  try {
    await writes(store, '/registry/leases/n1', 10);
    await timer.fire(); // notes revision 10, compacts nothing: there is no earlier tick
    assert.equal(await store.compactedRevision(), 0);
    await writes(store, '/registry/leases/n1', 5);
    await timer.fire(); // compacts to 10; revisions 11..15 stay for watchers
    assert.equal(await store.compactedRevision(), 10);
    const controller = new AbortController();
    const fromWindow = store.watch('', 10, controller.signal)[Symbol.asyncIterator]();
    const first = await fromWindow.next();
    assert.equal(first.done, false);
    assert.equal(first.value.revision, 11);
    const tooOld = store.watch('', 9, controller.signal)[Symbol.asyncIterator]();
    await assert.rejects(tooOld.next(), (error) => isStoreError(error, 'Compacted'));
    controller.abort();
    await timer.fire(); // compacts to 15, the revision of the previous tick
    assert.equal(await store.compactedRevision(), 15);
    assert.deepEqual(timer.delays, [60_000, 60_000, 60_000, 60_000]);
    assert.equal((await store.get('/registry/leases/n1'))?.object.i, 4, 'the current state is kept');
  } finally {
    await compactor.stop();
    await store.close();
  }
});

test('an interval of 0 disables compaction, as upstream', async () => {
  const store = openMemoryStore();
  const timer = new ManualTimer();
  const compactor = startCompactor(store, { intervalMs: 0, timer });
  assert.equal(timer.pending, false);
  assert.deepEqual(timer.delays, []);
  await compactor.stop();
  await store.close();
  assert.throws(() => startCompactor(store, { intervalMs: -1, timer }), RangeError);
});

test('a failed compaction is reported and tried again at the next tick; stop ends the schedule', async () => {
  const store = openMemoryStore();
  const flaky = failingCompactions(store, 1);
  const timer = new ManualTimer();
  const errors: unknown[] = [];
  const compactor = startCompactor(flaky, { intervalMs: 1000, timer, onError: (error) => errors.push(error) });
  await writes(store, '/a', 3);
  await timer.fire();
  await writes(store, '/a', 3);
  await timer.fire(); // fails: still aiming at revision 3
  assert.equal(errors.length, 1);
  assert.equal(await store.compactedRevision(), 0);
  await timer.fire();
  assert.equal(await store.compactedRevision(), 3, 'the next tick compacts to the point the failed one aimed at');
  await compactor.stop();
  assert.equal(timer.pending, false, 'stop cancels the next tick');
  await compactor.stop();
  await store.close();
});

test('a closed store ends the schedule without an error', async () => {
  const store = openMemoryStore();
  const timer = new ManualTimer();
  const errors: StoreError[] = [];
  const compactor = startCompactor(store, {
    intervalMs: 1000,
    timer,
    onError: (error) => errors.push(error as StoreError),
  });
  await store.close();
  await timer.fire();
  assert.equal(timer.pending, false);
  assert.deepEqual(errors, []);
  await compactor.stop();
});
