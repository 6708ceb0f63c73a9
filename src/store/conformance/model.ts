/** Conformance, property-based: random operations keep the store equal to a plain map of key → object. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isStoreError } from '../errors.ts';
import { compareKeys } from '../keys.ts';
import type { Store } from '../types.ts';
import { withStore, type StoreHarness } from './harness.ts';

// Keys chosen so that prefixes overlap ('/a' is a prefix of '/a/1' and '/ab/1').
const KEYS = ['/a', '/a/1', '/a/2', '/a/10', '/ab/1', '/b/1'];
const PREFIXES = ['', '/a', '/a/', '/b/'];

type Precondition = 'none' | 'current' | 'stale';
type Operation =
  | { readonly kind: 'create'; readonly key: string; readonly value: number }
  | { readonly kind: 'update'; readonly key: string; readonly value: number; readonly precondition: Precondition }
  | { readonly kind: 'delete'; readonly key: string; readonly precondition: Precondition }
  | { readonly kind: 'compact'; readonly back: number };

const key = fc.constantFrom(...KEYS);
const precondition = fc.constantFrom<Precondition>('none', 'current', 'stale');
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), key, value: fc.nat(99) }),
  fc.record({ kind: fc.constant('update' as const), key, value: fc.nat(99), precondition }),
  fc.record({ kind: fc.constant('delete' as const), key, precondition }),
  fc.record({ kind: fc.constant('compact' as const), back: fc.nat(4) }),
);

interface Entry {
  readonly value: number;
  readonly createRevision: number;
  readonly modRevision: number;
}

/** The reference: what the store should hold, and the outcome each operation should have. */
class Model {
  readonly entries = new Map<string, Entry>();
  revision = 0;
  compacted = 0;

  /** The expectedRevision an operation sends. */
  expected(key: string, precondition: Precondition): number | undefined {
    const modRevision = this.entries.get(key)?.modRevision ?? 1;
    if (precondition === 'none') return undefined;
    return precondition === 'current' ? modRevision : modRevision - 1;
  }

  /** Applies `operation`; returns the revision it should report or the error code it should fail with. */
  apply(operation: Operation, expected: number | undefined): number | string {
    if (operation.kind === 'compact') {
      this.compacted = Math.max(this.compacted, Math.max(0, this.revision - operation.back));
      return this.compacted;
    }
    const entry = this.entries.get(operation.key);
    if (operation.kind === 'create') {
      if (entry !== undefined) return 'AlreadyExists';
      return this.write(operation.key, operation.value, undefined);
    }
    if (entry === undefined) return 'NotFound';
    if (expected !== undefined && expected !== entry.modRevision) return 'Conflict';
    if (operation.kind === 'update') return this.write(operation.key, operation.value, entry.createRevision);
    this.revision++;
    this.entries.delete(operation.key);
    return this.revision;
  }

  private write(key: string, value: number, createRevision: number | undefined): number {
    this.revision++;
    this.entries.set(key, { value, createRevision: createRevision ?? this.revision, modRevision: this.revision });
    return this.revision;
  }
}

/** Runs `operation` on the store; returns the revision it reports or its error code. */
async function run(store: Store, operation: Operation, expected: number | undefined): Promise<number | string> {
  const options = expected === undefined ? {} : { expectedRevision: expected };
  try {
    if (operation.kind === 'compact') {
      return await store.compact(Math.max(0, (await store.currentRevision()) - operation.back));
    }
    if (operation.kind === 'create') return (await store.create(operation.key, { value: operation.value })).modRevision;
    if (operation.kind === 'update') {
      return (await store.update(operation.key, { value: operation.value }, options)).modRevision;
    }
    return (await store.delete(operation.key, options)).modRevision;
  } catch (error) {
    if (isStoreError(error)) return error.code;
    throw error;
  }
}

async function assertSameAsModel(store: Store, model: Model): Promise<void> {
  for (const prefix of PREFIXES) {
    const listed = await store.list(prefix);
    assert.equal(listed.revision, model.revision);
    const actual = listed.items.map((item) => [item.key, item.object, item.createRevision, item.modRevision]);
    const expected = [...model.entries]
      .filter(([key]) => key.startsWith(prefix))
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([key, e]) => [
        key,
        { value: e.value, metadata: { resourceVersion: String(e.modRevision) } },
        e.createRevision,
        e.modRevision,
      ]);
    assert.deepEqual(actual, expected, `list(${JSON.stringify(prefix)})`);
  }
}

/** Registers the model test for `harness` with `runs` random operation sequences. */
export function modelSuite(harness: StoreHarness, runs: number): void {
  test('random operations keep list equal to a simple model', { timeout: 20_000 }, async () => {
    const property = fc.asyncProperty(fc.array(operation, { maxLength: 30 }), (operations) =>
      withStore(harness, async (store) => {
        const model = new Model();
        for (const operation of operations) {
          const expected =
            operation.kind === 'create' || operation.kind === 'compact'
              ? undefined
              : model.expected(operation.key, operation.precondition);
          assert.equal(
            await run(store, operation, expected),
            model.apply(operation, expected),
            JSON.stringify(operation),
          );
          await assertSameAsModel(store, model);
        }
        assert.equal(await store.compactedRevision(), model.compacted);
      }),
    );
    await fc.assert(property, { numRuns: runs });
  });
}
