/**
 * API server memory under slow watchers: the resident memory of a real `portico apiserver` process (SQLite store)
 * through 20,000 Lease writes with no watchers (the baseline), then through 20,000 more while 50 watchers read
 * nothing at all. A server that buffers for watchers that never read grows with every write; one that drops them (as
 * kube-apiserver's watch cache does) stays where the baseline left it. Prints; never asserts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connect } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { machineDescription } from './machine.ts';

const THIS_FILE = fileURLToPath(import.meta.url);
const PORTICO_BIN = fileURLToPath(new URL('../bin/portico.mjs', import.meta.url));
const writesPerPhase = 20_000;
const leaseCount = 100;
const writers = 8;
const slowWatchers = 50;
const leasesPath = '/apis/coordination.k8s.io/v1/namespaces/default/leases';

interface Server {
  readonly process: ChildProcess;
  readonly port: number;
  readonly token: string;
  readonly ca: string;
  readonly agent: Agent;
}

async function startServer(dataDir: string): Promise<Server> {
  const child = spawn(
    process.execPath,
    [PORTICO_BIN, 'apiserver', '--data-dir', dataDir, '--secure-port', '0', '--controllers=false'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((done, fail) => {
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on https:\/\/127\.0\.0\.1:(\d+)/.exec(seen);
      if (match !== null) done(Number(match[1]));
    });
    child.once('exit', (code) => {
      fail(new Error(`portico apiserver exited (${String(code)}) before it listened`));
    });
  });
  const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
  const ca = readFileSync(join(dataDir, 'ca.crt'), 'utf8');
  return { process: child, port, token, ca, agent: new Agent({ keepAlive: true, maxSockets: writers, ca }) };
}

function send(server: Server, method: string, path: string, body: unknown, contentType: string): Promise<number> {
  return new Promise((done, fail) => {
    const text = JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        agent: server.agent,
        headers: { authorization: `Bearer ${server.token}`, 'content-type': contentType },
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          done(response.statusCode ?? 0);
        });
      },
    );
    req.on('error', fail);
    req.end(text);
  });
}

/** Resident set size of a process, in MiB, from /proc. */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kib / 1024;
}

async function writeLeases(server: Server, count: number, padding: string): Promise<number> {
  let next = 0;
  let failures = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      const patch = {
        metadata: { annotations: { padding } },
        spec: { holderIdentity: `holder-${String(index)}`, renewTime: new Date().toISOString().replace('Z', '000Z') },
      };
      const path = `${leasesPath}/lease-${String(index % leaseCount)}`;
      const code = await send(server, 'PATCH', path, patch, 'application/merge-patch+json');
      if (code !== 200) failures++;
    }
  };
  await Promise.all(Array.from({ length: writers }, () => worker()));
  return failures;
}

/** A watcher that sends its request and never reads: the server's writes to it fill the socket and then back up. */
function openSlowWatcher(server: Server, ended: () => void): { resume(): void; destroy(): void } {
  const socket = connect({ host: '127.0.0.1', port: server.port, ca: server.ca, servername: 'localhost' }, () => {
    socket.write(
      `GET ${leasesPath}?watch=true HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${server.token}\r\n\r\n`,
    );
    socket.pause();
  });
  socket.on('error', () => undefined);
  socket.once('close', ended);
  return socket;
}

async function stopServer(server: Server): Promise<void> {
  server.agent.destroy();
  const exited = new Promise((done) => server.process.once('exit', done));
  server.process.kill('SIGTERM');
  const killer = setTimeout(() => server.process.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(killer);
}

/** Runs both phases against one server and prints the figures. */
export async function benchApiServerSoak(): Promise<void> {
  console.log(
    `API server memory: ${String(writesPerPhase)} Lease writes, then as many with ${String(slowWatchers)} watchers that never read`,
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-soak-'));
  const server = await startServer(dataDir);
  try {
    for (let i = 0; i < leaseCount; i++) {
      const lease = { metadata: { name: `lease-${String(i)}` }, spec: { holderIdentity: 'start' } };
      await send(server, 'POST', leasesPath, lease, 'application/json');
    }
    const padding = 'x'.repeat(1024);
    const pid = server.process.pid ?? 0;
    const start = rssMiB(pid);
    const baselineFailures = await writeLeases(server, writesPerPhase, padding);
    const afterBaseline = rssMiB(pid);
    let dropped = 0;
    const watchers = Array.from({ length: slowWatchers }, () => openSlowWatcher(server, () => dropped++));
    const watchedFailures = await writeLeases(server, writesPerPhase, padding);
    const afterWatched = rssMiB(pid);
    // A paused socket does not see the server's close: read what is left, then count the watches that ended.
    for (const watcher of watchers) watcher.resume();
    await new Promise((done) => setTimeout(done, 3000));
    console.log(`  RSS at start ${start.toFixed(1)} MiB; after the baseline writes ${afterBaseline.toFixed(1)} MiB`);
    console.log(`  RSS after the writes with slow watchers ${afterWatched.toFixed(1)} MiB`);
    console.log(`  ratio with slow watchers ÷ baseline: ${(afterWatched / afterBaseline).toFixed(2)} (1.00 is flat)`);
    console.log(`  slow watchers the server ended: ${String(dropped)} of ${String(slowWatchers)}`);
    console.log(`  failed writes: ${String(baselineFailures + watchedFailures)}`);
    for (const watcher of watchers) watcher.destroy();
  } finally {
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (resolve(process.argv[1] ?? '') === THIS_FILE) {
  console.log(machineDescription());
  console.log('');
  await benchApiServerSoak();
}
