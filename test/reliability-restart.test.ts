/**
 * `portico apiserver` (the real CLI, SQLite in a temporary data folder, 127.0.0.1) killed with SIGKILL in the
 * middle of a burst of Service creates, five times over, restarted each time: every create that was answered 201 is
 * still there with the ClusterIP and nodePort it was given, no two Services share either, and the allocators
 * rebuilt after each restart refuse the ones taken.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parse as parseYaml } from 'yaml';

const dir = mkdtempSync(join(tmpdir(), 'portico-restart-'));
const bin = new URL('../bin/portico.mjs', import.meta.url).pathname;
const children = new Set<ChildProcess>();

after(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  readonly token: string;
  readonly ca: string;
}

/** Starts the server and resolves once it prints where it listens (with the kubeconfig's token and CA). */
function startServer(): Promise<Running> {
  const args = [bin, 'apiserver', '--data-dir', dir, '--secure-port', '0', '--controllers=false'];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (https:\/\/\S+)/.exec(output)?.[1];
      if (url === undefined || !output.includes('kubeconfig: ')) return;
      const config = parseYaml(readFileSync(join(dir, 'kubeconfig'), 'utf8')) as {
        clusters: { cluster: Record<string, string> }[];
        users: { user: { token: string } }[];
      };
      const caData = config.clusters[0]?.cluster['certificate-authority-data'] ?? '';
      resolve({ child, url, token: config.users[0]?.user.token ?? '', ca: Buffer.from(caData, 'base64').toString() });
    });
    child.on('exit', (code) => {
      reject(new Error(`portico apiserver exited with ${String(code)}: ${output}`));
    });
  });
}

function stopped(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    child.once('exit', () => {
      resolve();
    });
    child.kill(signal);
  });
}

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** One HTTPS request; a connection the kill cut is an answer of status 0. */
function api(server: Running, method: string, path: string, body?: unknown): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { authorization: `Bearer ${server.token}`, accept: 'application/json' };
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve) => {
    const request = httpsRequest(new URL(path, server.url), { method, headers, ca: server.ca, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> });
        } catch {
          resolve({ status: 0, body: {} });
        }
      });
      res.on('error', () => {
        resolve({ status: 0, body: {} });
      });
    });
    request.on('error', () => {
      resolve({ status: 0, body: {} });
    });
    request.end(payload);
  });
}

interface Allocation {
  readonly clusterIP: string;
  readonly nodePort: number;
}

function allocationOf(service: Record<string, unknown>): Allocation {
  const spec = service['spec'] as { clusterIP: string; ports: { nodePort: number }[] };
  return { clusterIP: spec.clusterIP, nodePort: spec.ports[0]?.nodePort ?? 0 };
}

function service(name: string, nodePort?: number): unknown {
  const port = nodePort === undefined ? { port: 80 } : { port: 80, nodePort };
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { type: 'NodePort', ports: [port] } };
}

const services = '/api/v1/namespaces/default/services';

/** A burst of creates, eight at a time; the server is SIGKILLed once `killAfter` of them were acknowledged. */
async function burst(server: Running, round: number, killAfter: number, acknowledged: Map<string, Allocation>) {
  const taken = [...acknowledged.values()].map((allocation) => allocation.nodePort);
  let answered = 0;
  let killing: Promise<void> | undefined;
  const one = async (i: number): Promise<void> => {
    const name = `r${String(round)}-${String(i)}`;
    // Every fourth create asks for a nodePort some earlier, acknowledged Service holds: it must be refused.
    const reused = i % 4 === 3 ? taken[i % Math.max(1, taken.length)] : undefined;
    const answer = await api(server, 'POST', services, service(name, reused));
    if (answer.status === 201) {
      assert.equal(reused, undefined, `nodePort ${String(reused)} was given twice`);
      acknowledged.set(name, allocationOf(answer.body));
    } else if (answer.status !== 0) {
      assert.equal(answer.status, 422, JSON.stringify(answer.body));
    }
    answered += 1;
    if (answered === killAfter) killing = stopped(server.child, 'SIGKILL');
  };
  const names = Array.from({ length: 60 }, (_, i) => i);
  for (let start = 0; start < names.length && killing === undefined; start += 8) {
    await Promise.all(names.slice(start, start + 8).map(one));
  }
  await (killing ?? stopped(server.child, 'SIGKILL'));
}

test('SIGKILL during create bursts loses no acknowledged write, and allocations stay unique', async () => {
  const acknowledged = new Map<string, Allocation>();
  for (let round = 0; round < 5; round++) {
    const server = await startServer();
    await burst(server, round, 13 + 7 * round, acknowledged);
  }
  const server = await startServer();
  try {
    const list = await api(server, 'GET', services);
    const items = (list.body['items'] as Record<string, unknown>[]).map((item) => ({
      name: (item['metadata'] as { name: string }).name,
      ...allocationOf(item),
    }));
    for (const [name, allocation] of acknowledged) {
      const stored = items.find((item) => item.name === name);
      assert.deepEqual(stored && { clusterIP: stored.clusterIP, nodePort: stored.nodePort }, allocation, name);
    }
    const nodePorts = items.filter((item) => item.nodePort !== 0).map((item) => item.nodePort);
    assert.equal(new Set(nodePorts).size, nodePorts.length, 'two Services share a nodePort');
    const clusterIPs = items.map((item) => item.clusterIP);
    assert.equal(new Set(clusterIPs).size, clusterIPs.length, 'two Services share a ClusterIP');
    const [first] = acknowledged.values();
    assert.ok(first !== undefined);
    const again = await api(server, 'POST', services, service('again', first.nodePort));
    assert.equal(again.status, 422);
    assert.match(String(again.body['message']), /provided port is already allocated/);
    const sameIp = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'same-ip' },
      spec: { clusterIP: first.clusterIP, ports: [{ port: 80 }] },
    };
    const ip = await api(server, 'POST', services, sameIp);
    assert.equal(ip.status, 422);
    assert.match(String(ip.body['message']), /already allocated/);
  } finally {
    await stopped(server.child, 'SIGTERM');
  }
});
