/** What a driver's test file hands the conformance suite, and helpers the suite's parts share. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isStoreError, type StoreErrorCode } from '../errors.ts';
import type { Store, WatchEvent } from '../types.ts';

/** Hints a driver may honour when opening a store for a test; drivers without the knob ignore them. */
export interface OpenHints {
  /** Buffer this few changes per watch, so that tests reach the overflow path with few writes. */
  readonly watchBufferLimit?: number;
  /** Compact in steps of this few revisions, so that tests see writes and watches between steps. */
  readonly compactionStep?: number;
  /** The case writes thousands of times: a durable driver may skip syncing each commit to disk. */
  readonly manyWrites?: boolean;
}

/** A driver under test. */
export interface StoreHarness {
  /** Shown in test names. */
  readonly name: string;
  /** Opens a new, empty store. */
  open(hints?: OpenHints): Promise<Store>;
  /** Closes `store` and opens its state again; only for drivers whose state outlives the process. */
  readonly reopen?: (store: Store) => Promise<Store>;
  /** How many rows of history `store` keeps, for drivers that can tell (compaction cases check it). */
  readonly historyRows?: (store: Store) => number;
  /**
   * A count of the entries `store`'s reads have looked at so far, for drivers that keep one: the
   * suite checks that get and list look at no more after history grew. (SQLite shows the same
   * with its query plans, in its own tests.)
   */
  readonly entriesVisited?: (store: Store) => number;
}

/** One conformance test: a body run on a new store (and the harness, for its optional hooks). */
export type Case = (store: Store, harness: StoreHarness) => Promise<void>;

/** A case that needs its store opened with hints. */
export interface HintedCase {
  readonly hints: OpenHints;
  readonly body: Case;
}

/** Named cases, registered as one `describe` block. */
export type Cases = Readonly<Record<string, Case | HintedCase>>;

// A safety net for a watch that would wait forever; no test relies on timing.
const CASE_TIMEOUT_MS = 20_000;

/** Registers `cases` under `title`, each on a new store from `harness`. */
export function registerCases(harness: StoreHarness, title: string, cases: Cases): void {
  describe(title, () => {
    for (const [name, entry] of Object.entries(cases)) {
      const { body, hints } = typeof entry === 'function' ? { body: entry, hints: {} } : entry;
      test(name, { timeout: CASE_TIMEOUT_MS }, () => withStore(harness, (store) => body(store, harness), hints));
    }
  });
}

/** Runs `body` on a new store and closes the store afterwards, whatever happens. */
export async function withStore(
  harness: StoreHarness,
  body: (store: Store) => Promise<void>,
  hints: OpenHints = {},
): Promise<void> {
  const store = await harness.open(hints);
  try {
    await body(store);
  } finally {
    await store.close();
  }
}

/** The key of a Service named `name` in `namespace`. */
export function serviceKey(name: string, namespace = 'default'): string {
  return `/registry/services/${namespace}/${name}`;
}

/** A small Service-shaped object. */
export function service(name: string, port = 80): { kind: string; metadata: { name: string }; spec: object } {
  return { kind: 'Service', metadata: { name }, spec: { ports: [{ port }] } };
}

/** Asserts that `promise` rejects with a StoreError of `code`, and returns the error. */
export async function rejectsWith(promise: Promise<unknown>, code: StoreErrorCode): Promise<unknown> {
  let caught: unknown;
  await assert.rejects(promise, (error: unknown) => {
    caught = error;
    return isStoreError(error, code);
  });
  return caught;
}

/** A watch iterator and the controller that ends it. */
export interface OpenWatch {
  readonly events: AsyncIterator<WatchEvent>;
  readonly controller: AbortController;
}

/** Starts a watch; the returned iterator has not been pulled yet. */
export function startWatch(store: Store, prefix: string, fromRevision: number): OpenWatch {
  const controller = new AbortController();
  const events = store.watch(prefix, fromRevision, controller.signal)[Symbol.asyncIterator]();
  return { events, controller };
}

/** The next `count` events of a watch (fails if the watch ends first). */
export async function take(events: AsyncIterator<WatchEvent>, count: number): Promise<WatchEvent[]> {
  const taken: WatchEvent[] = [];
  while (taken.length < count) {
    const next = await events.next();
    if (next.done === true) assert.fail(`the watch ended after ${taken.length} of ${count} events`);
    taken.push(next.value);
  }
  return taken;
}

/** Events of a watch until the one at `revision` (inclusive). */
export async function takeUntil(events: AsyncIterator<WatchEvent>, revision: number): Promise<WatchEvent[]> {
  const taken: WatchEvent[] = [];
  for (let next = await events.next(); next.done !== true; next = await events.next()) {
    taken.push(next.value);
    if (next.value.revision >= revision) return taken;
  }
  assert.fail(`the watch ended before revision ${revision}`);
}

/** Compact summary of events, for readable deepEqual failures. */
export function summary(events: readonly WatchEvent[]): string[] {
  return events.map((event) => `${event.type} ${event.key} @${event.revision}`);
}
