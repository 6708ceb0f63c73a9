// The API server compacts its store on a schedule, as kube-apiserver compacts etcd every
// --etcd-compaction-interval: one interval of history stays, and a watch from before it gets 410.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApiServer } from '../src/apiserver/server.ts';
import { call, metadata, openWatch, startTestServer } from '../src/apiserver/testing.ts';
import type { CompactionTimer } from '../src/store/index.ts';
import { runCli } from './support/cli.ts';

const services = '/api/v1/namespaces/default/services';

/** A timer fired by hand: it keeps the pending tick and the delays asked for. */
class ManualTimer implements CompactionTimer {
  readonly delays: number[] = [];
  pending: (() => Promise<void>) | undefined;

  after(ms: number, tick: () => Promise<void>): () => void {
    this.delays.push(ms);
    this.pending = tick;
    return () => {
      if (this.pending === tick) this.pending = undefined;
    };
  }

  async fire(): Promise<void> {
    const tick = this.pending;
    assert.ok(tick !== undefined, 'no compaction is scheduled');
    this.pending = undefined;
    await tick();
  }
}

async function createService(server: ApiServer, name: string): Promise<number> {
  const created = await call(server, 'POST', services, {
    body: { metadata: { name }, spec: { ports: [{ port: 80 }] } },
  });
  assert.equal(created.status, 201);
  return Number(metadata(created.body)['resourceVersion']);
}

test('the server compacts every interval to the revision of the interval before; older watches get 410', async () => {
  const timer = new ManualTimer();
  const server = await startTestServer({ compactionIntervalMs: 120_000, compactionTimer: timer });
  try {
    const first = await createService(server, 'one');
    await timer.fire(); // notes the revision; nothing is compacted at the first tick
    assert.equal(await server.store.compactedRevision(), 0);
    const second = await createService(server, 'two');
    await timer.fire();
    assert.equal(await server.store.compactedRevision(), first);
    assert.deepEqual(timer.delays, [120_000, 120_000, 120_000]);
    const tooOld = await openWatch(server, `${services}?watch=true&resourceVersion=${first - 1}`);
    const expired = await tooOld.next();
    assert.equal(expired?.type, 'ERROR');
    assert.equal(expired.object['code'], 410);
    assert.equal(expired.object['message'], `too old resource version: ${first - 1} (${first})`);
    tooOld.close();
    const inWindow = await openWatch(server, `${services}?watch=true&resourceVersion=${first}`);
    const added = await inWindow.next();
    assert.equal(added?.type, 'ADDED');
    assert.equal(metadata(added.object)['resourceVersion'], String(second));
    inWindow.close();
    const list = await call(server, 'GET', services);
    const names = (list.body['items'] as { metadata: { name: string } }[]).map((item) => item.metadata.name);
    assert.deepEqual(names.sort(), ['kubernetes', 'one', 'two']);
  } finally {
    await server.close();
  }
  assert.equal(timer.pending, undefined, 'closing the server stops the compactor');
});

test('--etcd-compaction-interval 0 disables compaction, as upstream', async () => {
  const timer = new ManualTimer();
  const server = await startTestServer({ compactionIntervalMs: 0, compactionTimer: timer });
  await server.close();
  assert.deepEqual(timer.delays, []);
});

test('portico apiserver takes --etcd-compaction-interval as a Go duration (default 5m)', async () => {
  const help = await runCli(['apiserver', '--help']);
  assert.match(help.stdout, /--etcd-compaction-interval <duration>[\s\S]*\(default: 5m\)/);
  const wrong = await runCli(['apiserver', '--data-dir', '/nonexistent', '--etcd-compaction-interval', '5']);
  assert.notEqual(wrong.code, 0);
  assert.match(wrong.stderr, /time: invalid duration "5"/);
});
