/**
 * `pods/log` against a fake kubelet on 127.0.0.1: a Node address that is not a host never becomes a request, a
 * kubelet that does not answer times out, a client leaving before the kubelet answers ends the kubelet request,
 * and a client that does not read holds the kubelet back instead of buffering its output.
 */
import assert from 'node:assert/strict';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import type { ApiServer } from '../src/apiserver/server.ts';
import { call, startTestServer, testToken } from '../src/apiserver/testing.ts';

type KubeletHandler = (req: IncomingMessage, res: ServerResponse) => void;

let server: ApiServer;
let kubelet: Server;
let handle: KubeletHandler = (_req, res) => res.end('hello\n');
const requests: string[] = [];

async function createNode(name: string, address: string, port: number): Promise<void> {
  const node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    status: { addresses: [{ type: 'InternalIP', address }], daemonEndpoints: { kubeletEndpoint: { Port: port } } },
  };
  const created = await call(server, 'POST', '/api/v1/nodes', { body: node });
  assert.equal(created.status, 201, created.text);
}

async function createPod(name: string, nodeName: string): Promise<void> {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { nodeName, containers: [{ name: 'c', image: 'busybox' }] },
  };
  const created = await call(server, 'POST', '/api/v1/namespaces/default/pods', { body: pod });
  assert.equal(created.status, 201, created.text);
}

before(async () => {
  kubelet = createServer((req, res) => {
    requests.push(req.url ?? '');
    handle(req, res);
  });
  await new Promise<void>((resolve) => kubelet.listen(0, '127.0.0.1', resolve));
  const port = (kubelet.address() as AddressInfo).port;
  server = await startTestServer({ kubeletTimeoutMs: 300 });
  await createNode('good', '127.0.0.1', port);
  await createPod('web', 'good');
});

after(async () => {
  await server.close();
  kubelet.closeAllConnections();
  await new Promise((resolve) => kubelet.close(resolve));
});

async function waitFor(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  assert.ok(check(), what);
}

test('a Node address that is not a host name never sends the request (or the token) anywhere', async () => {
  for (const [index, address] of ['127.0.0.1#', 'host/path?', '127.0.0.1/evil?'].entries()) {
    const node = `hostile-${String(index)}`;
    // Node addresses are validated on write by the Node strategy; a store holding one anyway must stay harmless.
    await server.store.create(`/registry/core/nodes/${node}`, {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: node, uid: node, creationTimestamp: '2026-01-01T00:00:00Z' },
      status: { addresses: [{ type: 'InternalIP', address }] },
    });
    await createPod(`on-${node}`, node);
    const before = requests.length;
    const answer = await call(server, 'GET', `/api/v1/namespaces/default/pods/on-${node}/log`);
    assert.equal(answer.status, 500);
    assert.match(String(answer.body['message']), /^no preferred addresses found/);
    assert.equal(requests.length, before);
  }
});

test('a kubelet that accepts but never answers times out with a Status', async () => {
  handle = () => undefined;
  const answer = await call(server, 'GET', '/api/v1/namespaces/default/pods/web/log');
  assert.equal(answer.status, 500);
  assert.match(String(answer.body['message']), /net\/http: timeout awaiting response headers$/);
});

test('a client leaving before the kubelet answers ends the kubelet request', async () => {
  let kubeletSawClose = false;
  handle = (req) => {
    req.socket.on('close', () => (kubeletSawClose = true));
  };
  const controller = new AbortController();
  const pending = fetch(`${server.url}/api/v1/namespaces/default/pods/web/log?follow=true`, {
    headers: { authorization: `Bearer ${testToken}` },
    signal: controller.signal,
  }).catch(() => undefined);
  const seen = requests.length;
  await waitFor('the kubelet got the request', () => requests.length > seen);
  controller.abort();
  await pending;
  await waitFor('the kubelet request is closed', () => kubeletSawClose);
});

test('a client that does not read holds the kubelet back (the log is not buffered in the server)', async () => {
  const total = 64 * 1024 * 1024;
  const chunk = Buffer.alloc(64 * 1024, 'x');
  let written = 0;
  let closed = false;
  handle = (req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    req.socket.on('close', () => (closed = true));
    const pump = (): void => {
      while (written < total && !closed) {
        written += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
    };
    pump();
  };
  const socket = connect(server.port, '127.0.0.1', () => {
    socket.write(
      `GET /api/v1/namespaces/default/pods/web/log?follow=true HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${testToken}\r\n\r\n`,
    );
    socket.pause();
  });
  // Wait until the kubelet's writes stall (or, without back-pressure, everything is written).
  let last = -1;
  for (let i = 0; i < 100 && written !== last && written < total; i++) {
    last = written;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  assert.ok(written < total / 2, `the kubelet wrote ${String(written)} bytes to a client that reads nothing`);
  socket.destroy();
  await waitFor('the kubelet stream is closed once the client leaves', () => closed);
});
