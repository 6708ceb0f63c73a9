import assert from 'node:assert/strict';
import { test } from 'node:test';
import { askRaw as ask, bodyOf as body, rawRequest as raw, statusLine as status } from '../../httpserver/testing.ts';
import { listenHealthz, listenMetrics, serviceHealthListener, type ListeningServer } from './http-servers.ts';
import type { HealthAnswer } from './proxy-health.ts';
import { healthHeaders } from './proxy-health.ts';

const okAnswer: HealthAnswer = { status: 200, headers: healthHeaders, body: '{"healthy":true}' };

async function withServer(start: () => Promise<ListeningServer>, run: (port: number) => Promise<void>) {
  const server = await start();
  try {
    await run(server.port);
  } finally {
    await server.close();
  }
}

test('/healthz server: `GET //`, garbage, bad escapes and a throwing handler never end it', async () => {
  let fail = false;
  const errors: string[] = [];
  const health = {
    healthz: (): HealthAnswer => {
      if (fail) throw new Error('broken health');
      return okAnswer;
    },
    livez: () => okAnswer,
  };
  await withServer(
    () => listenHealthz('127.0.0.1:0', health, (message) => errors.push(message)),
    async (port) => {
      const slashes = await ask(port, 'GET', '//');
      assert.equal(status(slashes), 'HTTP/1.1 404 Not Found');
      assert.equal(body(slashes), '404 page not found\n');
      assert.match(await raw(port, 'GARBAGE\r\n\r\n'), /^HTTP\/1.1 400 /);
      assert.match(await raw(port, '\x00\x01\x02 / HTTP/1.1\r\n\r\n'), /^HTTP\/1.1 400 /);
      assert.equal(status(await ask(port, 'GET', '/heal%zzthz')), 'HTTP/1.1 400 Bad Request');
      assert.equal(status(await ask(port, 'GET', '*')), 'HTTP/1.1 400 Bad Request');
      fail = true;
      assert.equal(status(await ask(port, 'GET', '/healthz')), 'HTTP/1.1 500 Internal Server Error');
      assert.match(errors[0] ?? '', /broken health/);
      fail = false;
      // Still serving, with upstream's answer; escapes are decoded as Go's mux sees the path.
      const healthz = await ask(port, 'GET', '/heal%74hz?verbose=1');
      assert.equal(status(healthz), 'HTTP/1.1 200 OK');
      assert.match(healthz, /\r\nContent-Type: application\/json\r\n/);
      assert.match(healthz, /\r\nX-Content-Type-Options: nosniff\r\n/);
      assert.equal(body(healthz), '{"healthy":true}');
      assert.equal(status(await ask(port, 'GET', '/livez')), 'HTTP/1.1 200 OK');
    },
  );
});

test('/healthz server: every method is answered as upstream, but a request body is refused', async () => {
  await withServer(
    () => listenHealthz('127.0.0.1:0', { healthz: () => okAnswer, livez: () => okAnswer }),
    async (port) => {
      assert.equal(status(await ask(port, 'POST', '/healthz')), 'HTTP/1.1 200 OK');
      const head = await ask(port, 'HEAD', '/healthz');
      assert.equal(status(head), 'HTTP/1.1 200 OK');
      assert.equal(body(head), '');
      const posted = await ask(port, 'POST', '/healthz', 'Content-Length: 5\r\n\r\nhello');
      assert.equal(status(posted), 'HTTP/1.1 413 Payload Too Large');
      const chunked = await ask(port, 'POST', '/healthz', 'Transfer-Encoding: chunked\r\n\r\n0\r\n');
      assert.equal(status(chunked), 'HTTP/1.1 413 Payload Too Large');
      assert.equal(status(await ask(port, 'GET', '/healthz')), 'HTTP/1.1 200 OK');
    },
  );
});

test('/metrics server: a failing render is a 500 and the next scrape works; /proxyMode as upstream', async () => {
  let fail = true;
  const metrics = {
    render: () =>
      fail
        ? Promise.reject(new Error('registry broke'))
        : Promise.resolve({ contentType: 'text/plain; version=0.0.4; charset=utf-8', body: 'up 1\n' }),
  };
  await withServer(
    () => listenMetrics('127.0.0.1:0', metrics, 'iptables', () => undefined),
    async (port) => {
      assert.equal(status(await ask(port, 'GET', '//')), 'HTTP/1.1 404 Not Found');
      assert.match(await raw(port, 'GET / HTTP/9\r\n\r\n'), /^HTTP\/1.1 (400|505) /);
      assert.equal(status(await ask(port, 'GET', '/metrics')), 'HTTP/1.1 500 Internal Server Error');
      fail = false;
      const scrape = await ask(port, 'GET', '/metrics');
      assert.equal(status(scrape), 'HTTP/1.1 200 OK');
      assert.equal(body(scrape), 'up 1\n');
      const mode = await ask(port, 'GET', '/proxyMode');
      assert.equal(body(mode), 'iptables');
      assert.match(mode, /\r\nContent-Type: text\/plain; charset=utf-8\r\n/);
    },
  );
});

test('health-check node port server: any path answers; `GET //`, garbage and a throwing answer do not end it', async () => {
  let fail = false;
  const answer = (): HealthAnswer => {
    if (fail) throw new Error('no answer');
    return { status: 503, headers: { ...healthHeaders, 'X-Load-Balancing-Endpoint-Weight': '0' }, body: '{}' };
  };
  await withServer(
    () => serviceHealthListener(() => undefined)('127.0.0.1', 0, answer),
    async (port) => {
      assert.equal(status(await ask(port, 'GET', '//')), 'HTTP/1.1 503 Service Unavailable');
      assert.equal(status(await ask(port, 'DELETE', '/x/../y')), 'HTTP/1.1 503 Service Unavailable');
      assert.match(await raw(port, 'GARBAGE\r\n\r\n'), /^HTTP\/1.1 400 /);
      fail = true;
      assert.equal(status(await ask(port, 'GET', '/')), 'HTTP/1.1 500 Internal Server Error');
      fail = false;
      const again = await ask(port, 'GET', '/');
      assert.equal(status(again), 'HTTP/1.1 503 Service Unavailable');
      assert.match(again, /\r\nX-Load-Balancing-Endpoint-Weight: 0\r\n/);
      assert.match(again, /\r\nContent-Length: 2\r\n/);
    },
  );
});
