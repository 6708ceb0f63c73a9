// Watch over real HTTP: replay from "0", resume from N, 410 after compaction, bookmarks, selectors,
// Table events, timeouts, and that a client hanging up unregisters the watch.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import type { ApiServer } from '../src/apiserver/server.ts';
import { call, metadata, openWatch, startTestServer, tableAccept } from '../src/apiserver/testing.ts';

let server: ApiServer;
before(async () => {
  server = await startTestServer({ watch: { bookmarkIntervalMs: 20 } });
});
after(async () => {
  await server.close();
});

const services = '/api/v1/namespaces/default/services';

function svc(name: string, labels: Record<string, string> = {}): Record<string, unknown> {
  return { metadata: { name, labels }, spec: { ports: [{ port: 80 }] } };
}

async function listVersion(): Promise<string> {
  return String(metadata((await call(server, 'GET', services)).body)['resourceVersion']);
}

/** Waits (bounded) until no watch is open on the server. */
async function watchesDrained(): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    if (server.context.watches.size === 0) return true;
    await sleep(10);
  }
  return false;
}

describe('watch', () => {
  test('resourceVersion=0 replays the current state, then streams ADDED, MODIFIED and DELETED', async () => {
    const watch = await openWatch(server, `${services}?watch=true&resourceVersion=0`);
    assert.equal(watch.status, 200);
    const first = await watch.next();
    assert.equal(first?.type, 'ADDED');
    assert.equal(metadata(first.object)['name'], 'kubernetes');
    const created = await call(server, 'POST', services, { body: svc('w1') });
    const added = await watch.next();
    assert.equal(added?.type, 'ADDED');
    assert.equal(metadata(added.object)['resourceVersion'], metadata(created.body)['resourceVersion']);
    await call(server, 'PUT', `${services}/w1`, {
      body: { ...created.body, metadata: { ...metadata(created.body), labels: { v: '2' } } },
    });
    assert.equal((await watch.next())?.type, 'MODIFIED');
    const deleted = await call(server, 'DELETE', `${services}/w1`);
    const gone = await watch.next();
    assert.equal(gone?.type, 'DELETED');
    assert.equal(metadata(gone.object)['resourceVersion'], metadata(deleted.body)['resourceVersion']);
    watch.close();
  });

  test('resourceVersion=N streams only what happened after N; headers come before any event', async () => {
    await call(server, 'POST', services, { body: svc('before-n') });
    const rv = await listVersion();
    const watch = await openWatch(server, `${services}?watch=true&resourceVersion=${rv}`);
    assert.equal(watch.status, 200);
    assert.equal(watch.headers.get('content-type'), 'application/json');
    await call(server, 'POST', services, { body: svc('after-n') });
    const event = await watch.next();
    assert.equal(event?.type, 'ADDED');
    assert.equal(metadata(event.object)['name'], 'after-n');
    watch.close();
  });

  test('a resourceVersion older than the compaction point gives an ERROR event with a 410 Expired Status', async () => {
    const old = await listVersion();
    await call(server, 'POST', services, { body: svc('compact-me') });
    await server.store.compact(await server.store.currentRevision());
    const watch = await openWatch(server, `${services}?watch=true&resourceVersion=${Number(old) - 1}`);
    assert.equal(watch.status, 200);
    const event = await watch.next();
    assert.equal(event?.type, 'ERROR');
    assert.equal(event.object['kind'], 'Status');
    assert.equal(event.object['code'], 410);
    assert.equal(event.object['reason'], 'Expired');
    assert.match(String(event.object['message']), /^too old resource version: \d+ \(\d+\)$/);
    assert.equal(await watch.next(), undefined);
  });

  test('allowWatchBookmarks sends BOOKMARKs carrying a resourceVersion', async () => {
    const rv = await listVersion();
    const watch = await openWatch(server, `${services}?watch=true&allowWatchBookmarks=true&resourceVersion=${rv}`);
    const event = await watch.next();
    assert.equal(event?.type, 'BOOKMARK');
    assert.equal(event.object['kind'], 'Service');
    assert.equal(metadata(event.object)['resourceVersion'], rv);
    watch.close();
  });

  test('label selectors: objects entering the selection are ADDED, leaving it DELETED, others unseen', async () => {
    const rv = await listVersion();
    const watch = await openWatch(server, `${services}?watch=true&labelSelector=app%3Dsel&resourceVersion=${rv}`);
    await call(server, 'POST', services, { body: svc('other', { app: 'other' }) });
    const created = await call(server, 'POST', services, { body: svc('chosen', { app: 'sel' }) });
    const added = await watch.next();
    assert.equal(added?.type, 'ADDED');
    assert.equal(metadata(added.object)['name'], 'chosen');
    const moved = { ...created.body, metadata: { ...metadata(created.body), labels: { app: 'elsewhere' } } };
    await call(server, 'PUT', `${services}/chosen`, { body: moved });
    const left = await watch.next();
    assert.equal(left?.type, 'DELETED');
    assert.equal(metadata(left.object)['name'], 'chosen');
    watch.close();
  });

  test('field selectors filter events; unsupported ones are 400 before the stream starts', async () => {
    const rv = await listVersion();
    const watch = await openWatch(
      server,
      `${services}?watch=true&fieldSelector=metadata.name%3Dpicked&resourceVersion=${rv}`,
    );
    await call(server, 'POST', services, { body: svc('skipped') });
    await call(server, 'POST', services, { body: svc('picked') });
    assert.equal(metadata((await watch.next())?.object)['name'], 'picked');
    watch.close();
    const bad = await call(server, 'GET', `${services}?watch=true&fieldSelector=spec.nope%3D1`);
    assert.equal(bad.status, 400);
    assert.equal(bad.body['message'], 'field label not supported: spec.nope');
    const badVersion = await call(server, 'GET', `${services}?watch=true&resourceVersion=abc`);
    assert.equal(badVersion.status, 400);
  });

  test('cross-namespace watches see every namespace', async () => {
    const rv = await listVersion();
    const watch = await openWatch(server, `/api/v1/services?watch=true&resourceVersion=${rv}`);
    await call(server, 'POST', '/api/v1/namespaces', { body: { metadata: { name: 'watched' } } });
    await call(server, 'POST', '/api/v1/namespaces/watched/services', { body: svc('there') });
    assert.equal(metadata((await watch.next())?.object)['namespace'], 'watched');
    watch.close();
  });

  test('Table watches send one-row Tables, column definitions in the first event only', async () => {
    const rv = await listVersion();
    const watch = await openWatch(server, `${services}?watch=true&resourceVersion=${rv}`, tableAccept);
    assert.equal(watch.headers.get('content-type'), 'application/json;as=Table;v=v1;g=meta.k8s.io');
    await call(server, 'POST', services, { body: svc('tab-1') });
    await call(server, 'POST', services, { body: svc('tab-2') });
    const first = await watch.next();
    const second = await watch.next();
    assert.equal(first?.object['kind'], 'Table');
    assert.equal((first.object['columnDefinitions'] as unknown[]).length, 7);
    assert.deepEqual((first.object['rows'] as { cells: unknown[] }[])[0]?.cells[0], 'tab-1');
    assert.deepEqual(second?.object['columnDefinitions'], []);
    assert.deepEqual((second.object['rows'] as { cells: unknown[] }[])[0]?.cells[0], 'tab-2');
    watch.close();
  });

  test('timeoutSeconds ends the stream; a client hanging up unregisters its watch', async () => {
    const timed = await openWatch(
      server,
      `${services}?watch=true&timeoutSeconds=1&resourceVersion=${await listVersion()}`,
    );
    assert.equal(await timed.next(), undefined);
    const open = await openWatch(server, `${services}?watch=true&resourceVersion=${await listVersion()}`);
    assert.ok(server.context.watches.size >= 1);
    open.close();
    assert.equal(await watchesDrained(), true);
  });

  test('the legacy /watch/ path watches one object by name', async () => {
    const rv = await listVersion();
    const watch = await openWatch(server, `/api/v1/watch/namespaces/default/services/legacy?resourceVersion=${rv}`);
    await call(server, 'POST', services, { body: svc('not-legacy') });
    await call(server, 'POST', services, { body: svc('legacy') });
    assert.equal(metadata((await watch.next())?.object)['name'], 'legacy');
    watch.close();
  });
});
