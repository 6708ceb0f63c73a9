/**
 * Watches honour back-pressure: a client that opens a watch and stops reading while thousands of events are
 * written holds at most about one event in the server, and its watch is dropped (the response torn down, so a
 * real client relists), as upstream's cacher drops a watcher whose buffer is full. Readers are not affected.
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import type { ApiServer } from '../src/apiserver/server.ts';
import { call, openWatch, startTestServer, testToken } from '../src/apiserver/testing.ts';

const maxBufferedBytes = 256 * 1024;
const annotationBytes = 64 * 1024;
let server: ApiServer;

before(async () => {
  server = await startTestServer({ watch: { maxBufferedBytes, stallTimeoutMs: 500 } });
  const created = await call(server, 'POST', '/apis/coordination.k8s.io/v1/namespaces/default/leases', {
    body: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'big' }, spec: {} },
  });
  assert.equal(created.status, 201);
});

after(async () => {
  await server.close();
});

/** A raw connection that sends a watch request and then never reads a byte. */
function stalledWatch(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${testToken}\r\n\r\n`);
      socket.pause();
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

async function waitFor(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.ok(check(), what);
}

function update(i: number): Promise<unknown> {
  const value = String(i % 10).repeat(annotationBytes);
  return call(server, 'PATCH', '/apis/coordination.k8s.io/v1/namespaces/default/leases/big', {
    body: { metadata: { annotations: { filler: value } } },
    contentType: 'application/merge-patch+json',
  });
}

test('a watcher that stops reading stays bounded in memory and is dropped; a reader sees every event', async () => {
  const reader = await openWatch(
    server,
    '/apis/coordination.k8s.io/v1/namespaces/default/leases?watch=true&resourceVersion=0',
  );
  assert.equal((await reader.next())?.type, 'ADDED');
  const socket = await stalledWatch('/apis/coordination.k8s.io/v1/namespaces/default/leases?watch=1');
  await waitFor('both watches open', () => server.context.watches.size === 2);
  const dropsBefore = server.context.watches.droppedCount;
  let peak = 0;
  // About 19 MB of events: far more than the kernel's socket buffers hold for a client that does not read.
  for (let i = 0; i < 300; i++) {
    await update(i);
    const event = await reader.next();
    assert.equal(event?.type, 'MODIFIED');
    peak = Math.max(peak, ...server.context.watches.bufferedBytes());
  }
  assert.ok(peak <= maxBufferedBytes + 2 * annotationBytes, `a stalled watch held ${String(peak)} bytes`);
  await waitFor('the stalled watch is dropped', () => server.context.watches.droppedCount > dropsBefore);
  await waitFor('only the reader is left', () => server.context.watches.size === 1);
  reader.close();
  socket.destroy();
  const health = await call(server, 'GET', '/apis/coordination.k8s.io/v1/namespaces/default/leases/big');
  assert.equal(health.status, 200);
});
