import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseServeHostnameArgs, startServeHostname } from './serve-hostname.ts';

test('serve-hostname flags: port 9376 by default; raw TCP/UDP refused', () => {
  assert.deepEqual(parseServeHostnameArgs([]), { port: 9376, close: false });
  assert.deepEqual(parseServeHostnameArgs(['--port', '80', '--close']), { port: 80, close: true });
  assert.throws(() => parseServeHostnameArgs(['--udp']), /only --http serving is built in/);
  assert.throws(() => parseServeHostnameArgs(['--close=maybe']), /must be true or false/);
});

test('serve-hostname answers every path with the pod name, closing when asked', async () => {
  const server = await startServeHostname({ port: 0, close: true }, 'hostnames-abc', '127.0.0.1');
  try {
    const response = await fetch(`http://127.0.0.1:${server.port}/anything`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('connection'), 'close');
    assert.equal(await response.text(), 'hostnames-abc');
  } finally {
    await server.close();
  }
});
