import { strict as assert } from 'node:assert';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import fc from 'fast-check';
import { createGuardedServer, parseRequestTarget } from './guarded-server.ts';
import { rawRequest as raw } from './testing.ts';

async function withServer(
  handler: Parameters<typeof createGuardedServer>[0],
  options: Parameters<typeof createGuardedServer>[1],
  body: (port: number) => Promise<void>,
): Promise<void> {
  const server = createGuardedServer(handler, options);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await body((server.address() as AddressInfo).port);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

function get(port: number, path: string, method = 'GET', body?: string): Promise<{ code: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += String(chunk)));
      res.on('end', () => {
        resolve({ code: res.statusCode ?? 0, text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('parseRequestTarget splits origin-form and absolute-form targets and never throws', () => {
  assert.deepEqual(parseRequestTarget('//')?.path, '//');
  assert.equal(parseRequestTarget('/healthz?x=1')?.query.get('x'), '1');
  assert.equal(parseRequestTarget('http://host:1/p?q=2')?.path, '/p');
  assert.equal(parseRequestTarget('http://host')?.path, '/');
  assert.equal(parseRequestTarget('*'), undefined);
  fc.assert(
    fc.property(fc.string(), (text) => {
      parseRequestTarget(text);
    }),
  );
});

test('a path Node cannot parse as a URL, a throwing handler and a rejecting one all leave the server serving', async () => {
  const errors: string[] = [];
  await withServer(
    (_request, response, target) => {
      if (target.path === '/throw') throw new Error('boom');
      if (target.path === '/reject') return Promise.reject(new Error('later'));
      response.end(`path ${target.path}`);
      return undefined;
    },
    { onError: (message) => errors.push(message) },
    async (port) => {
      assert.match(
        await raw(port, 'GET // HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
        /200 OK[\s\S]*path \/\//,
      );
      assert.equal((await get(port, '/throw')).code, 500);
      assert.equal((await get(port, '/reject')).code, 500);
      assert.match(await raw(port, 'GARBAGE\r\n\r\n'), /^HTTP\/1.1 400/);
      assert.equal((await get(port, '/ok')).text, 'path /ok');
      assert.equal(errors.length, 2);
    },
  );
});

test('methods outside the list get 405 and bodies over the limit get 413 without being read', async () => {
  await withServer(
    (_request, response) => {
      response.end('ok');
    },
    { methods: ['GET', 'HEAD'] },
    async (port) => {
      assert.equal((await get(port, '/', 'POST')).code, 405);
      assert.equal((await get(port, '/', 'GET', 'x'.repeat(1000))).code, 413);
      assert.equal((await get(port, '/')).code, 200);
    },
  );
});
