/**
 * The API server listener's timeouts, scaled down: a client that never finishes its headers or its body, or that
 * sits idle, is disconnected; a watch outlives every one of those timeouts and still delivers events.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import type { ApiServer } from '../src/apiserver/server.ts';
import { call, openWatch, startTestServer, testToken } from '../src/apiserver/testing.ts';

const timeouts = { headersMs: 200, requestMs: 300, idleMs: 300, keepAliveMs: 300 };
let server: ApiServer;

before(async () => {
  server = await startTestServer({ timeouts });
});

after(async () => {
  await server.close();
});

/** Sends `text` on a raw connection and resolves with what came back once the server closed it. */
function closedAfter(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.write(text));
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('close', () => {
      resolve(received);
    });
    socket.on('error', reject);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

test('unfinished headers are cut off with 408', async () => {
  const answer = await closedAfter('GET /api/v1/services HTTP/1.1\r\nHost: x\r\n');
  assert.match(answer, /^HTTP\/1\.1 408/);
});

test('an unfinished body is cut off', async () => {
  const head = `POST /api/v1/namespaces/default/services HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${testToken}\r\n`;
  const answer = await closedAfter(`${head}Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":`);
  assert.doesNotMatch(answer, /^HTTP\/1\.1 2/);
});

test('a connection that never sends a request is closed', async () => {
  // Resolving at all is the point: the server hung up.
  assert.doesNotMatch(await closedAfter(''), /^HTTP\/1\.1 2/);
});

test('a watch outlives the request, idle and keep-alive timeouts', async () => {
  const watch = await openWatch(server, '/api/v1/namespaces/default/services?watch=true&resourceVersion=0');
  try {
    const first = await watch.next();
    assert.equal(first?.type, 'ADDED');
    // Several times every timeout, with nothing on the connection.
    await sleep(4 * Math.max(...Object.values(timeouts)));
    const service = { metadata: { name: 'late' }, spec: { ports: [{ port: 80 }] } };
    assert.equal((await call(server, 'POST', '/api/v1/namespaces/default/services', { body: service })).status, 201);
    const event = await watch.next();
    assert.ok(event !== undefined, 'the watch ended');
    assert.equal(event.type, 'ADDED');
    assert.equal((event.object['metadata'] as { name: string }).name, 'late');
  } finally {
    watch.close();
  }
});
