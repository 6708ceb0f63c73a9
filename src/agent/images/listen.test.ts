import assert from 'node:assert/strict';
import { test } from 'node:test';
import { askRaw as ask, bodyOf as body, rawRequest as raw, statusLine as status } from '../../httpserver/testing.ts';
import { startEcho } from './echo.ts';
import { listenHttp, type RunningServer } from './listen.ts';
import { startNetexec } from './netexec.ts';
import { startServeHostname } from './serve-hostname.ts';

/** The hostile requests every image must survive; afterwards `GET /` must still work. */
async function survivesHostileRequests(server: RunningServer): Promise<void> {
  try {
    const port = server.port;
    assert.match(status(await ask(port, 'GET', '//')), /^HTTP\/1.1 [2-4]\d\d /);
    assert.match(status(await ask(port, 'GET', '//x//y?%zz=%')), /^HTTP\/1.1 [2-4]\d\d /);
    assert.match(status(await ask(port, 'GET', '/%zz')), /^HTTP\/1.1 [2-4]\d\d /);
    assert.match(await raw(port, 'GARBAGE\r\n\r\n'), /^HTTP\/1.1 400 /);
    assert.match(await raw(port, 'GET / HTTP/1.1\r\nBad Header\r\n\r\n'), /^HTTP\/1.1 400 /);
    const huge = await ask(port, 'POST', '/', `Content-Length: ${2 * 1024 * 1024}\r\n`);
    assert.equal(status(huge), 'HTTP/1.1 413 Payload Too Large');
    // A small body is fine: agnhost ignores it.
    assert.equal(status(await ask(port, 'POST', '/', 'Content-Length: 2\r\n\r\nhi')), 'HTTP/1.1 200 OK');
    assert.equal(status(await ask(port, 'GET', '/')), 'HTTP/1.1 200 OK');
  } finally {
    await server.close();
  }
}

test('netexec survives `GET //`, bad escapes, garbage and big bodies, and keeps answering', async () => {
  const netexec = await startNetexec({ httpPort: 0, udpPort: -1 }, 'pod-a', '127.0.0.1');
  const badEscape = await ask(netexec.port, 'GET', '/echo%zz');
  assert.equal(status(badEscape), 'HTTP/1.1 400 Bad Request');
  const echoed = await ask(netexec.port, 'GET', '//echo?msg=%zz');
  // `//echo` is not `/echo`; the root handler answers it, as upstream's mux (after its redirect) would.
  assert.match(body(echoed), /^NOW: /);
  assert.equal(body(await ask(netexec.port, 'GET', '/echo?msg=a%20b')), 'a b');
  await survivesHostileRequests(netexec);
});

test('echo and serve-hostname survive the same requests', async () => {
  await survivesHostileRequests(await startEcho({ podName: 'p', podIP: '10.0.0.1', nodeName: 'n' }, 0, '127.0.0.1'));
  await survivesHostileRequests(await startServeHostname({ port: 0, close: false }, 'pod-b', '127.0.0.1'));
});

test('an image handler that throws answers 500 and the image keeps serving', async () => {
  const server = await listenHttp(
    (_request, response, target) => {
      if (target.path === '/throw') throw new Error('handler bug');
      response.end('fine');
    },
    { port: 0, host: '127.0.0.1' },
  );
  try {
    assert.equal(status(await ask(server.port, 'GET', '/throw')), 'HTTP/1.1 500 Internal Server Error');
    assert.equal(body(await ask(server.port, 'GET', '/')), 'fine');
  } finally {
    await server.close();
  }
});
