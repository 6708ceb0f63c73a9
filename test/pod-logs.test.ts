/**
 * `kubectl logs` end to end: a real API server with the controllers and a node agent (fake `PodNetwork`, real
 * local processes on 127.0.0.1, its kubelet endpoint on a free port), and the real kubectl reading container output
 * through `pods/log` — containers, tails, timestamps, the previous run after a restart, following, and the errors
 * kube-apiserver and kubelet answer.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  type LaunchedProcess,
  type NodeAgent,
  type PodNetwork,
  type ProcessLauncher,
  spawnProcess,
  startNodeAgent,
} from '../src/agent/node/index.ts';
import { KubeConfig } from '@kubernetes/client-node';
import { type RunningControllers, startControllers } from '../src/controllers/index.ts';
import type { Obj } from './support/api-waits.ts';
import { kubeletClientToken } from '../src/client/node-credentials.ts';
import { nodeKubeConfig, nodeTokenFor } from './support/node-kubeconfig.ts';
import { type KubectlRun, kubectlMissing, runKubectl, startKubectlCluster } from './support/kubectl.ts';

if (kubectlMissing !== undefined) console.log(`# skipping the kubectl logs tests: ${kubectlMissing}`);

const NODE = 'logs-node-1';
const ns = '/api/v1/namespaces/default';

/** No network namespaces: the containers are plain local processes. */
const network: PodNetwork = { setup: () => Promise.resolve(), teardown: () => Promise.resolve() };
const processes: LaunchedProcess[] = [];
const launcher: ProcessLauncher = {
  launch: async (request) => {
    const child = await spawnProcess(request.argv, request.env, request.onOutput, request.onOutputEnd);
    processes.push(child);
    return child;
  },
};

let cluster: { server: { url: string }; close: () => Promise<void> };
let controllers: RunningControllers;
let agent: NodeAgent;
let kubeConfig: KubeConfig;
let token = '';
let ca = '';
const dir = mkdtempSync(join(tmpdir(), 'portico-pod-logs-'));
const podLogDir = join(dir, 'pods');
const logs: string[] = [];

function kubectl(...args: string[]): Promise<KubectlRun> {
  return runKubectl('kubectl', dir, args);
}

/** A node program as a container command. */
const script = (source: string): string[] => ['node', '-e', source];

type PodShape = Obj & {
  status?: {
    phase?: string;
    containerStatuses?: { name: string; restartCount: number; state: { running?: unknown } }[];
  };
};

/** One request to the API server over HTTPS with its CA and the admin token: the status and parsed body. */
function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: Obj }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
  if (payload !== undefined) {
    // A DELETE body sent chunked is refused: say its length.
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const request = httpsRequest(new URL(path, cluster.server.url), { method, headers, ca }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: (text === '' ? {} : JSON.parse(text)) as Obj });
      });
    });
    request.on('error', reject);
    request.end(payload);
  });
}

async function must(method: string, path: string, body?: unknown): Promise<Obj> {
  const response = await api(method, path, body);
  assert.ok(response.status < 300, `${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Polls until `predicate` holds; fails after 10 s (a guard, not a timing assertion). */
async function until<T>(read: () => Promise<T>, predicate: (value: T) => boolean, what: string): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const value = await read();
    if (predicate(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`timed out waiting for ${what}`);
}

function podWhen(name: string, predicate: (pod: PodShape) => boolean, what: string): Promise<PodShape> {
  return until(async () => (await api('GET', `${ns}/pods/${name}`)).body as PodShape, predicate, what);
}

const allRunning = (pod: PodShape): boolean =>
  (pod.status?.containerStatuses ?? []).length > 0 &&
  (pod.status?.containerStatuses ?? []).every((s) => s.state.running !== undefined);

async function createPod(name: string, spec: Record<string, unknown>): Promise<void> {
  await must('POST', `${ns}/pods`, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { nodeName: NODE, ...spec },
  });
}

/** Polls kubectl until its output satisfies `done` (container output lands in files asynchronously). */
async function kubectlUntil(args: string[], done: (run: KubectlRun) => boolean): Promise<KubectlRun> {
  for (let attempt = 0; ; attempt++) {
    const run = await kubectl(...args);
    if (done(run) || attempt >= 50) return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('kubectl logs', { skip: kubectlMissing }, () => {
  before(async () => {
    // HTTPS: kubectl sends its token only over TLS.
    cluster = await startKubectlCluster(dir);
    kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(join(dir, 'kubeconfig'));
    token = kubeConfig.getCurrentUser()?.token ?? '';
    ca = Buffer.from(kubeConfig.getCurrentCluster()?.caData ?? '', 'base64').toString();
    controllers = await startControllers({ server: cluster.server.url, token, ca, log: (m) => logs.push(m) });
    // The agent runs with its node's own credential, as `portico up` starts it.
    agent = await startNodeAgent({
      kubeConfig: nodeKubeConfig(kubeConfig, NODE),
      nodeName: NODE,
      nodeIP: '127.0.0.1',
      network,
      launcher,
      podLogDir,
      kubeletPort: 0,
      log: (m) => logs.push(m),
    });
  });

  after(async () => {
    if (process.env['AGENT_LOGS'] !== undefined) console.log(logs.join('\n'));
    await agent.stop();
    await controllers.stop();
    await cluster.close();
    for (const child of processes) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  test('discovery lists pods/log with the get verb', async () => {
    const list = (await must('GET', '/api/v1')) as unknown as { resources: Record<string, unknown>[] };
    const entry = list.resources.find((r) => r['name'] === 'pods/log');
    assert.deepEqual(entry, { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] });
  });

  test("kubectl logs prints a container's output; -c, --tail and --timestamps", async () => {
    await createPod('talker', {
      containers: [
        {
          name: 'main',
          image: 'busybox',
          command: script(
            "for (const w of ['one','two','three']) console.log(w); console.error('err-four'); setInterval(() => {}, 1e6)",
          ),
        },
        { name: 'side', image: 'busybox', command: script("console.log('from side'); setInterval(() => {}, 1e6)") },
      ],
    });
    await podWhen('talker', allRunning, 'talker running');
    const all = await kubectlUntil(['logs', 'talker', '-c', 'main'], (r) => r.stdout.includes('err-four'));
    assert.equal(all.stdout, 'one\ntwo\nthree\nerr-four\n');
    assert.equal(all.code, 0);
    const side = await kubectlUntil(['logs', 'talker', '-c', 'side'], (r) => r.stdout !== '');
    assert.equal(side.stdout, 'from side\n');
    // Without -c, kubectl picks the first container itself and says so.
    const defaulted = await kubectl('logs', 'talker');
    assert.equal(defaulted.stdout, 'one\ntwo\nthree\nerr-four\n');
    assert.match(defaulted.stderr, /Defaulted container "main" out of: main, side/);
    assert.equal((await kubectl('logs', 'talker', '-c', 'main', '--tail=2')).stdout, 'three\nerr-four\n');
    const stamped = await kubectl('logs', 'talker', '-c', 'main', '--timestamps', '--tail=1');
    assert.match(stamped.stdout, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z err-four\n$/);
    assert.equal((await kubectl('logs', 'talker', '-c', 'main', '--limit-bytes=6')).stdout, 'one\ntw');
    assert.equal((await kubectl('logs', 'talker', '-c', 'main', '--since=1h')).stdout, 'one\ntwo\nthree\nerr-four\n');
    const files = readdirSync(podLogDir);
    assert.equal(files.length, 1);
    assert.match(files[0] ?? '', /^default_talker_[0-9a-f-]+$/);
    assert.deepEqual(readdirSync(join(podLogDir, files[0] ?? '', 'main')), ['0.log']);
  });

  test('--previous shows the run before a restart', async () => {
    const counter = join(dir, 'restarts');
    const source = `const fs = require('node:fs'); const f = ${JSON.stringify(counter)};
      const n = fs.existsSync(f) ? Number(fs.readFileSync(f, 'utf8')) + 1 : 1; fs.writeFileSync(f, String(n));
      console.log('run ' + n); if (n === 1) process.exit(3); setInterval(() => {}, 1e6);`;
    await createPod('restarter', { containers: [{ name: 'main', image: 'busybox', command: script(source) }] });
    await podWhen(
      'restarter',
      (p) => p.status?.containerStatuses?.[0]?.restartCount === 1 && allRunning(p),
      'restarter restarted',
    );
    assert.equal((await kubectlUntil(['logs', 'restarter'], (r) => r.stdout !== '')).stdout, 'run 2\n');
    const previous = await kubectl('logs', 'restarter', '--previous');
    assert.equal(previous.stdout, 'run 1\n');
    assert.equal(previous.code, 0);
  });

  test('-f follows new lines and ends with the container', async () => {
    const gate = join(dir, 'gate');
    const source = `const fs = require('node:fs'); console.log('first');
      const t = setInterval(() => { if (fs.existsSync(${JSON.stringify(gate)})) { clearInterval(t); console.log('second'); } }, 50);`;
    await createPod('follower', {
      restartPolicy: 'Never',
      containers: [{ name: 'main', image: 'busybox', command: script(source) }],
    });
    await podWhen('follower', allRunning, 'follower running');
    await kubectlUntil(['logs', 'follower'], (r) => r.stdout === 'first\n');
    let stdout = '';
    const following = new Promise<number>((resolve) => {
      const child = execFile(
        'kubectl',
        ['--kubeconfig', join(dir, 'kubeconfig'), 'logs', '-f', 'follower'],
        { env: { ...process.env, HOME: dir, KUBECONFIG: '' }, timeout: 20_000 },
        (error) => {
          resolve(error === null ? 0 : 1);
        },
      );
      child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    });
    for (let i = 0; i < 100 && stdout !== 'first\n'; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(stdout, 'first\n');
    writeFileSync(gate, '');
    // The line arrives while kubectl follows; the container then exits, which ends the stream.
    assert.equal(await following, 0);
    assert.equal(stdout, 'first\nsecond\n');
  });

  test("the errors print kubectl's lines", async () => {
    // kubectl reads the pod itself first, and words a missing one its own way.
    assert.equal(
      (await kubectl('logs', 'nope')).stderr,
      'error: error from server (NotFound): pods "nope" not found in namespace "default"\n',
    );
    assert.equal(
      (await kubectl('logs', 'restarter', '-c', 'main', '--previous', '--tail=1')).stdout,
      'run 1\n',
      'the previous run is there',
    );
    assert.equal(
      (await kubectl('logs', 'talker', '-c', 'main', '--previous')).stderr,
      'Error from server (BadRequest): previous terminated container "main" in pod "talker" not found\n',
    );
    await createPod('nginx', { containers: [{ name: 'nginx', image: 'nginx:1.25' }] });
    await podWhen('nginx', (p) => p.status?.containerStatuses !== undefined, 'the nginx status');
    assert.equal(
      (await kubectl('logs', 'nginx')).stderr,
      'Error from server (BadRequest): container "nginx" in pod "nginx" is waiting to start: ErrImageNeverPull\n',
    );
    // kube-apiserver's own checks, through the raw API (kubectl checks -c itself and defaults the container).
    assert.equal(
      (await kubectl('get', '--raw', '/api/v1/namespaces/default/pods/talker/log')).stderr,
      'Error from server (BadRequest): a container name must be specified for pod talker, choose one of: [main side]\n',
    );
    assert.equal(
      (await kubectl('get', '--raw', '/api/v1/namespaces/default/pods/talker/log?container=nope')).stderr,
      'Error from server (BadRequest): container nope is not valid for pod talker\n',
    );
    assert.equal(
      (await kubectl('logs', 'talker', '-c', 'nope')).stderr,
      'error: container nope is not valid for pod talker\n',
    );
    const negative = await kubectl(
      'get',
      '--raw',
      '/api/v1/namespaces/default/pods/talker/log?container=main&tailLines=-1',
    );
    assert.match(
      negative.stderr,
      /PodLogOptions "talker" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0/,
    );
    await createPod('lost', { nodeName: 'ghost', containers: [{ name: 'main', image: 'busybox', command: ['x'] }] });
    assert.equal((await kubectl('logs', 'lost')).stderr, 'Error from server (NotFound): nodes "ghost" not found\n');
  });

  test('a line longer than 16 KiB is stored in P pieces and kubectl logs prints it whole', async () => {
    const long = 'a'.repeat(40_000);
    await createPod('wide', {
      containers: [
        {
          name: 'main',
          image: 'busybox',
          command: script(
            `process.stdout.write('a'.repeat(40000)); console.log(); console.log('done'); setInterval(() => {}, 1e6)`,
          ),
        },
      ],
    });
    await podWhen('wide', allRunning, 'wide running');
    const run = await kubectlUntil(['logs', 'wide'], (r) => r.stdout.includes('done'));
    assert.equal(run.stdout, `${long}\ndone\n`);
    const folder = readdirSync(podLogDir).find((name) => name.startsWith('default_wide_')) ?? '';
    const stored = readFileSync(join(podLogDir, folder, 'main', '0.log'), 'utf8').split('\n');
    assert.deepEqual(
      stored.map((line) => line.split(' ').slice(1, 3).join(' ')),
      ['stdout P', 'stdout P', 'stdout F', 'stdout F', ''],
    );
    assert.equal((await kubectl('logs', 'wide', '--tail=1')).stdout, 'done\n');
    await must('DELETE', `${ns}/pods/wide`, { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0 });
  });

  test('the kubelet endpoint wants the kubelet-client token of the API server; a deleted pod takes its log folder with it', async () => {
    const node = await must('GET', `/api/v1/nodes/${NODE}`);
    const port = (node['status'] as { daemonEndpoints: { kubeletEndpoint: { Port: number } } }).daemonEndpoints
      .kubeletEndpoint.Port;
    const url = `http://127.0.0.1:${port}/containerLogs/default/talker/main`;
    const anonymous = await fetch(url);
    assert.equal(anonymous.status, 401);
    // Neither the admin token nor a node's own token opens it: only the server's kubelet-client credential.
    for (const refused of [token, nodeTokenFor(token, NODE)]) {
      const answer = await fetch(url, { headers: { Authorization: `Bearer ${refused}` } });
      assert.equal(answer.status, 401);
    }
    const authorized = await fetch(url, { headers: { Authorization: `Bearer ${kubeletClientToken(token)}` } });
    assert.equal(authorized.status, 200);
    assert.equal(await authorized.text(), 'one\ntwo\nthree\nerr-four\n');
    const folder = readdirSync(podLogDir).find((name) => name.startsWith('default_talker_'));
    assert.ok(folder !== undefined);
    await must('DELETE', `${ns}/pods/talker`, { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 1 });
    await until(
      () => api('GET', `${ns}/pods/talker`),
      (r) => r.status === 404,
      'talker gone',
    );
    for (let i = 0; i < 50 && existsSync(join(podLogDir, folder)); i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(existsSync(join(podLogDir, folder)), false);
  });
});
