/**
 * Conformance: no change is lost or repeated when watches start, catch up and go live while writes
 * keep coming, including watches that read too slowly for their buffer.
 */
import assert from 'node:assert/strict';
import type { Store, WatchEvent } from '../types.ts';
import { startWatch, take, takeUntil, type Cases } from './harness.ts';

const WRITERS = 6;
const ROUNDS = 40;
// Per writer: create, update, update, delete each round; the last round keeps its key.
const WRITES_PER_WRITER = ROUNDS * 4 - 1;

// One writer's life cycle on its own keys, so every write succeeds and revisions are 1…total.
async function write(store: Store, writer: number): Promise<void> {
  for (let round = 0; round < ROUNDS; round++) {
    const key = `/hammer/w${writer}/k${round % 3}`;
    await store.create(key, { writer, round });
    await store.update(key, { writer, round, step: 1 });
    await store.update(key, { writer, round, step: 2 });
    if (round < ROUNDS - 1) await store.delete(key);
  }
}

/** Asserts that `events` are exactly revisions from+1…to, each once, in order. */
function assertContiguous(events: readonly WatchEvent[], from: number, to: number): void {
  const revisions = events.map((event) => event.revision);
  const expected = Array.from({ length: to - from }, (_, i) => from + 1 + i);
  assert.deepEqual(revisions, expected, `watch from ${from}: changes missing, repeated or out of order`);
}

/** Starts a watch between writes from a revision at or below the current one, and collects to `to`. */
async function watchDuringWrites(store: Store, to: number, pick: number): Promise<[number, WatchEvent[]]> {
  const current = await store.currentRevision();
  const from = pick % (current + 1);
  const { events, controller } = startWatch(store, '/hammer/', from);
  try {
    return [from, await takeUntil(events, to)];
  } finally {
    controller.abort();
  }
}

/** The objects a stream of events leaves behind, keyed by key. */
function replay(events: readonly WatchEvent[]): Map<string, unknown> {
  const states = new Map<string, unknown>();
  for (const event of events) {
    if (event.type === 'DELETED') states.delete(event.key);
    else states.set(event.key, event.object);
  }
  return states;
}

/** The objects under `prefix` now, keyed by key. */
async function listed(store: Store, prefix: string): Promise<Map<string, unknown>> {
  return new Map((await store.list(prefix)).items.map((item) => [item.key, item.object]));
}

// Runs the writers and starts watches at many points meanwhile (each await lets writes interleave).
async function watchesDuringWrites(store: Store): Promise<void> {
  const total = WRITERS * WRITES_PER_WRITER;
  const writers = Array.from({ length: WRITERS }, (_, writer) => write(store, writer));
  const watches: Promise<[number, WatchEvent[]]>[] = [];
  for (let i = 0; (await store.currentRevision()) < total; i++) {
    if (i % 7 === 0) watches.push(watchDuringWrites(store, total, i * 37));
    await Promise.resolve();
  }
  await Promise.all(writers);
  const results = await Promise.all(watches);
  assert.ok(results.length >= 10, `only ${results.length} watches started during the writes`);
  for (const [from, events] of results) assertContiguous(events, from, total);
  const fromStart = results.find(([from]) => from === 0);
  assert.ok(fromStart, 'one watch starts from 0');
  assert.deepEqual(replay(fromStart[1]), await listed(store, '/hammer/'), 'replaying the events gives the list');
}

/** Cases: watches started while writes run, and readers slower than their buffer. */
export const hammerCases: Cases = {
  'watches started while writes run see every revision once, in order': watchesDuringWrites,

  'the same, with buffers so small that most watches overflow and read the log again': {
    hints: { watchBufferLimit: 4 },
    body: watchesDuringWrites,
  },

  'a slow reader whose buffer overflows still gets every change once': {
    hints: { watchBufferLimit: 16 },
    body: async (store) => {
      await store.create('/hammer/seed', {});
      const { events, controller } = startWatch(store, '/hammer/', 0);
      const [first] = await take(events, 1);
      // The reader now idles while far more changes arrive than its buffer holds.
      await write(store, 0);
      const rest = await takeUntil(events, 1 + WRITES_PER_WRITER);
      controller.abort();
      assertContiguous([...(first === undefined ? [] : [first]), ...rest], 0, 1 + WRITES_PER_WRITER);
      assert.deepEqual(replay(rest), await listed(store, '/hammer/w'));
    },
  },
};
