import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Informer, type ListWatchSource, type WatchEvent } from './informer.ts';

interface Obj {
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly resourceVersion: string };
}

const obj = (name: string, resourceVersion: string): Obj => ({ metadata: { name, namespace: 'ns', resourceVersion } });

interface OpenWatch {
  readonly resourceVersion: string;
  readonly signal: AbortSignal;
  send(type: WatchEvent<Obj>['type'], object: unknown): void;
  end(): void;
  fail(error: Error): void;
}

/** A scripted server: each list answers with the next queued result, each watch waits for the test to drive it. */
class FakeSource implements ListWatchSource<Obj> {
  readonly lists: ({ items: Obj[]; resourceVersion: string } | Error)[] = [];
  listCalls = 0;
  private readonly watchWaiters: ((watch: OpenWatch) => void)[] = [];
  private readonly openWatches: OpenWatch[] = [];

  list(): Promise<{ items: Obj[]; resourceVersion: string }> {
    this.listCalls++;
    const next = this.lists.shift() ?? new Error('no list queued');
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  }

  watch(resourceVersion: string, signal: AbortSignal, onEvent: (event: WatchEvent<Obj>) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      signal.addEventListener('abort', () => {
        reject(new Error('aborted'));
      });
      const watch: OpenWatch = {
        resourceVersion,
        signal,
        send: (type, object) => {
          onEvent({ type, object: object as Obj });
        },
        end: resolve,
        fail: reject,
      };
      const waiter = this.watchWaiters.shift();
      if (waiter === undefined) this.openWatches.push(watch);
      else waiter(watch);
    });
  }

  /** The next watch the informer opens. */
  nextWatch(): Promise<OpenWatch> {
    const open = this.openWatches.shift();
    if (open !== undefined) return Promise.resolve(open);
    return new Promise((resolve) => this.watchWaiters.push(resolve));
  }
}

type Change = [string | undefined, string | undefined];

/** An informer over `source` that records each change as `[previous, current]` (`name@resourceVersion`). */
function recorded(source: FakeSource, errors: unknown[] = []): { informer: Informer<Obj>; changes: Change[] } {
  const informer = new Informer<Obj>(source, { onError: (error) => errors.push(error), retryDelayMs: 5 });
  const changes: Change[] = [];
  const describe = (o: Obj | undefined) =>
    o === undefined ? undefined : `${o.metadata.name}@${o.metadata.resourceVersion}`;
  informer.onChange((previous, current) => changes.push([describe(previous), describe(current)]));
  return { informer, changes };
}

test('the first list reaches the handlers before the informer says it has synced', async () => {
  const source = new FakeSource();
  source.lists.push({ items: [obj('a', '1'), obj('b', '2')], resourceVersion: '2' });
  const { informer, changes } = recorded(source);
  let syncedSeen: Change[] | undefined;
  void informer.whenSynced.then(() => (syncedSeen = [...changes]));
  assert.equal(informer.synced, false);
  informer.start();
  const watch = await source.nextWatch();
  assert.equal(informer.synced, true);
  assert.deepEqual(syncedSeen, [
    [undefined, 'a@1'],
    [undefined, 'b@2'],
  ]);
  assert.equal(watch.resourceVersion, '2', 'the watch starts at the list');
  assert.equal(informer.get('ns', 'a')?.metadata.resourceVersion, '1');
  await informer.stop();
});

test('watch events reach the handlers with the previous and the current version, deletions included', async () => {
  const source = new FakeSource();
  source.lists.push({ items: [obj('a', '1')], resourceVersion: '1' });
  const { informer, changes } = recorded(source);
  informer.start();
  const watch = await source.nextWatch();
  watch.send('ADDED', obj('b', '2'));
  watch.send('MODIFIED', obj('a', '3'));
  watch.send('BOOKMARK', { metadata: { resourceVersion: '4' } });
  watch.send('DELETED', obj('b', '5'));
  assert.deepEqual(changes.slice(1), [
    [undefined, 'b@2'],
    ['a@1', 'a@3'],
    ['b@2', undefined],
  ]);
  assert.deepEqual(
    informer.list().map((o) => o.metadata.name),
    ['a'],
  );
  watch.end();
  const again = await source.nextWatch();
  assert.equal(again.resourceVersion, '5', 'a stream that ends is watched again from the last version seen');
  assert.equal(source.listCalls, 1);
  await informer.stop();
});

test('a 410 relists quietly and delivers only the differences', async () => {
  const source = new FakeSource();
  source.lists.push({ items: [obj('a', '1'), obj('b', '2'), obj('c', '3')], resourceVersion: '3' });
  source.lists.push({ items: [obj('a', '1'), obj('b', '7'), obj('d', '8')], resourceVersion: '9' });
  const errors: unknown[] = [];
  const { informer, changes } = recorded(source, errors);
  informer.start();
  const watch = await source.nextWatch();
  watch.send('ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' });
  const after = await source.nextWatch();
  assert.equal(watch.signal.aborted, true, 'the expired watch is closed');
  assert.equal(after.resourceVersion, '9');
  assert.deepEqual(changes.slice(3), [
    ['b@2', 'b@7'],
    [undefined, 'd@8'],
    ['c@3', undefined],
  ]);
  assert.deepEqual(errors, []);
  await informer.stop();
});

test('a failed list or watch is reported, retried after a delay, and followed by a full relist', async () => {
  const source = new FakeSource();
  source.lists.push(new Error('connection refused'));
  source.lists.push({ items: [obj('a', '1')], resourceVersion: '1' });
  source.lists.push({ items: [], resourceVersion: '4' });
  const errors: unknown[] = [];
  const { informer, changes } = recorded(source, errors);
  informer.start();
  const watch = await source.nextWatch();
  assert.equal(informer.synced, true);
  watch.fail(Object.assign(new Error('Internal Server Error'), { statusCode: 500 }));
  await source.nextWatch();
  assert.deepEqual(
    errors.map((e) => (e as Error).message),
    ['connection refused', 'Internal Server Error'],
  );
  assert.equal(source.listCalls, 3);
  assert.deepEqual(changes, [
    [undefined, 'a@1'],
    ['a@1', undefined],
  ]);
  await informer.stop();
});

test('stop ends the watch and a pending retry, wakes waiters, and leaves no timer behind', async () => {
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const before = timers();
  const source = new FakeSource();
  source.lists.push({ items: [], resourceVersion: '1' });
  const informer = new Informer<Obj>(source, { retryDelayMs: 60_000, onError: () => undefined });
  informer.start();
  const watch = await source.nextWatch();
  const waiting = informer.waitUntil(() => false, 60_000);
  watch.fail(new Error('reset'));
  await new Promise((resolve) => setImmediate(resolve));
  assert.ok(timers() > before, 'a retry is pending');
  await informer.stop();
  await waiting;
  assert.equal(watch.signal.aborted, true);
  assert.equal(timers(), before);
  assert.equal(source.listCalls, 1, 'nothing is listed after stop');
});
