import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import { formatEchoText, startEcho } from './echo.ts';

const identity = { podName: 'hello-1', podIP: '10.244.1.3', nodeName: 'node-1' };

/** GETs `path` from a local port with a fixed source port unknown in advance; returns body and local port. */
function get(port: number, accept: string): Promise<{ body: string; type: string; localPort: number }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/x?y=1', headers: { accept } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ body, type: res.headers['content-type'] ?? '', localPort: req.socket?.localPort ?? -1 });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

test('echo answers JSON with who served and who asked, when JSON is accepted', async () => {
  const echo = await startEcho(identity, 0, '127.0.0.1');
  try {
    const reply = await get(echo.port, 'application/json');
    assert.match(reply.type, /^application\/json/);
    assert.deepEqual(JSON.parse(reply.body), {
      ...identity,
      clientIP: '127.0.0.1',
      clientPort: reply.localPort,
      method: 'GET',
      path: '/x?y=1',
    });
  } finally {
    await echo.close();
  }
});

test('echo answers plain-text lines otherwise, with the client ip:port', async () => {
  const echo = await startEcho(identity, 0, '127.0.0.1');
  try {
    const reply = await get(echo.port, '*/*');
    assert.match(reply.type, /^text\/plain/);
    assert.equal(
      reply.body,
      `pod: hello-1\npod IP: 10.244.1.3\nnode: node-1\nclient: 127.0.0.1:${reply.localPort}\nrequest: GET /x?y=1\n`,
    );
  } finally {
    await echo.close();
  }
});

test('the text form brackets an IPv6 client', () => {
  const text = formatEchoText({ ...identity, clientIP: 'fd00::1', clientPort: 4242, method: 'GET', path: '/' });
  assert.match(text, /^client: \[fd00::1\]:4242$/m);
});
