import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { kubeletClientToken } from '../../client/node-credentials.ts';
import { rawRequest } from '../../httpserver/testing.ts';
import { systemClock } from './clock.ts';
import { PodLogs, type RunLog, podLogFolder } from './container-logs.ts';
import { type KubeletServer, startKubeletServer } from './kubelet-server.ts';

// The agent's own kubeconfig token, and the API server's kubelet-client token it recognises from it.
const TOKEN = 'secret-token';
const CLIENT_TOKEN = kubeletClientToken(TOKEN);
const root = mkdtempSync(join(tmpdir(), 'portico-kubelet-test-'));
let server: KubeletServer;
let log: RunLog;

before(async () => {
  const folder = podLogFolder(root, 'default', 'web', randomUUID());
  const logs = new PodLogs(folder, systemClock, (message) => assert.fail(message));
  log = logs.startRun('main', 0);
  log.write('stdout', 'hello');
  server = await startKubeletServer({
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    now: () => new Date(),
    idleTimeoutMs: 100,
    onError: () => undefined,
    findPod: (namespace, name) =>
      namespace === 'default' && name === 'web'
        ? { hasContainer: (c) => c === 'main', containerLog: () => ({ ok: true, log }) }
        : undefined,
  });
});

after(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

/** Sends `text` as is and returns all the server answered before closing. */
function raw(text: string): Promise<string> {
  return rawRequest(server.port, text);
}

function get(path: string, method = 'GET'): Promise<{ code: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = { Authorization: `Bearer ${CLIENT_TOKEN}` };
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += String(chunk)));
      res.on('end', () => {
        resolve({ code: res.statusCode ?? 0, text });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

test('no request brings the endpoint down: GET //, garbage, other methods, bodies; then logs are served', async () => {
  assert.match(await raw('GET // HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), /^HTTP\/1\.1 401 /);
  assert.match(await raw('\x00\x01garbage\r\n\r\n'), /^HTTP\/1\.1 400 /);
  assert.match(await raw('GET * HTTP/1.1\r\nHost: x\r\n\r\n'), /^HTTP\/1\.1 400 /);
  const post = 'POST /containerLogs/default/web/main HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc';
  assert.match(await raw(post), /^HTTP\/1\.1 405 /);
  const body = 'GET /containerLogs/default/web/main HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc';
  assert.match(await raw(body), /^HTTP\/1\.1 413 /);
  assert.deepEqual(await get('//'), { code: 404, text: '404 page not found' });
  assert.deepEqual(await get('/containerLogs/default/web/main/%'), { code: 404, text: '404 page not found' });
  assert.deepEqual(await get('/containerLogs/default/web/main'), { code: 200, text: 'hello\n' });
  assert.deepEqual(await get('/containerLogs/default/web/main', 'HEAD'), { code: 200, text: '' });
});

test('the bearer token is checked before anything else', async () => {
  assert.match(await raw('GET /containerLogs/default/web/main HTTP/1.1\r\nHost: x\r\n\r\n'), /^HTTP\/1\.1 401 /);
  const wrong = 'GET /containerLogs/default/web/main HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer nope\r\n\r\n';
  assert.match(await raw(wrong), /^HTTP\/1\.1 401 /);
  const own = `GET /containerLogs/default/web/main HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\n\r\n`;
  assert.match(await raw(own), /^HTTP\/1\.1 401 /);
});

test('a quiet follow outlives the idle timeout of other connections', async () => {
  let text = '';
  const received = new Promise<void>((resolve, reject) => {
    const headers = { Authorization: `Bearer ${CLIENT_TOKEN}` };
    const path = '/containerLogs/default/web/main?follow=true&tailLines=0';
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      res.on('data', (chunk) => {
        text += String(chunk);
        if (text.includes('later')) {
          req.destroy();
          resolve();
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
  // Several idle timeouts pass with nothing sent either way.
  await new Promise((resolve) => setTimeout(resolve, 400));
  log.write('stdout', 'later');
  await received;
  assert.equal(text, 'later\n');
});
