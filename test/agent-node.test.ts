/**
 * The node agent against a real API server and the controllers: it registers its Node and Lease, runs the pods
 * bound to it as real `node` processes on 127.0.0.1 (no network namespaces: a fake `PodNetwork` records what it
 * would build), reports their status, terminates them gracefully, and leaves no process behind when stopped. A
 * fake clock drives the Lease renewal and the grace periods.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { testToken } from '../src/apiserver/testing.ts';
import {
  type AgentClock,
  type LaunchedProcess,
  type NodeAgent,
  type PodNetwork,
  type PodNetworkRequest,
  type ProcessLauncher,
  podNamespaceName,
  spawnProcess,
  startNodeAgent,
} from '../src/agent/node/index.ts';
import { Command } from 'commander';
import { CliExit } from '../src/cli/io.ts';
import { registerNodeCommand } from '../src/cli/node-command.ts';
import { type RunningControllers, startControllers } from '../src/controllers/index.ts';
import { type ApiWaits, apiWaits, type Obj } from './support/api-waits.ts';
import { type ClusterApi, startClusterApi } from './support/cluster-api.ts';
import { nodeKubeConfig } from './support/node-kubeconfig.ts';

/** Time that moves only when told; `waitForTimer` resolves once someone waits for a given delay. */
class FakeClock implements AgentClock {
  private time = Date.now();
  private timers: { at: number; ms: number; fn: () => void }[] = [];
  private waiters: { ms: number; resolve: () => void }[] = [];

  now(): Date {
    return new Date(this.time);
  }

  setTimer(ms: number, fn: () => void): () => void {
    const timer = { at: this.time + ms, ms, fn };
    this.timers.push(timer);
    this.waiters = this.waiters.filter((w) => (w.ms === ms ? (w.resolve(), false) : true));
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  waitForTimer(ms: number): Promise<void> {
    if (this.timers.some((t) => t.ms === ms)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ ms, resolve }));
  }

  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((t) => t.at <= this.time);
    this.timers = this.timers.filter((t) => t.at > this.time);
    for (const timer of due) timer.fn();
  }
}

/** Records the pod networks the agent would build. */
class FakePodNetwork implements PodNetwork {
  readonly live = new Map<string, PodNetworkRequest>();
  readonly tornDown: string[] = [];

  setup(request: PodNetworkRequest): Promise<void> {
    this.live.set(request.podNamespace, request);
    return Promise.resolve();
  }

  teardown(podNamespace: string): Promise<void> {
    this.live.delete(podNamespace);
    this.tornDown.push(podNamespace);
    return Promise.resolve();
  }
}

/** Runs containers as plain local processes (no namespace), remembering each one and its first output line. */
class LocalLauncher implements ProcessLauncher {
  readonly started: {
    pid: number;
    env: Readonly<Record<string, string>>;
    process: LaunchedProcess;
    firstLine: Promise<string>;
  }[] = [];

  async launch(request: Parameters<ProcessLauncher['launch']>[0]): Promise<LaunchedProcess> {
    let said: (line: string) => void = () => undefined;
    const firstLine = new Promise<string>((resolve) => (said = resolve));
    const child = await spawnProcess(
      request.argv,
      request.env,
      (line, stream, partial) => {
        said(line);
        request.onOutput?.(line, stream, partial);
      },
      request.onOutputEnd,
    );
    this.started.push({ pid: child.pid, env: request.env, process: child, firstLine });
    return child;
  }
}

const NODE = 'agent-node-1';
const ns = '/api/v1/namespaces/default';
const slices = '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices';
const leasePath = `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${NODE}`;

/** A container that exits on SIGTERM, or (`stubborn`) ignores it until SIGKILL. */
function sleeper(stubborn = false): string[] {
  const onTerm = stubborn ? '() => undefined' : '() => process.exit(0)';
  // It says so once its handler is in place: a SIGTERM before that would end it as if it had none.
  const script = `process.on('SIGTERM', ${onTerm}); setInterval(() => undefined, 60000); console.log('handling SIGTERM');`;
  return ['node', '-e', script];
}

let cluster: ClusterApi;
let controllers: RunningControllers;
let agent: NodeAgent;
let must: ApiWaits['must'];
let waitFor: ApiWaits['waitFor'];
const clock = new FakeClock();
const network = new FakePodNetwork();
const launcher = new LocalLauncher();
const logs: string[] = [];
const podLogDir = mkdtempSync(join(tmpdir(), 'portico-agent-logs-'));

type Terminated = { exitCode: number; reason: string };

type PodShape = Obj & {
  spec: { nodeName?: string };
  status?: {
    phase?: string;
    podIP?: string;
    podIPs?: { ip: string }[];
    hostIP?: string;
    startTime?: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: {
      name: string;
      ready: boolean;
      restartCount: number;
      state: { running?: unknown; waiting?: { reason: string; message?: string }; terminated?: Terminated };
      lastState?: { terminated?: Terminated };
    }[];
  };
};

const isReady = (pod: PodShape): boolean =>
  pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;

before(async () => {
  cluster = await startClusterApi();
  ({ must, waitFor } = apiWaits(cluster.server));
  controllers = await startControllers({ server: cluster.server.url, token: testToken, log: (m) => logs.push(m) });
  // The node's own credential, as `portico up` gives it: everything below works within what a node may do.
  agent = await startNodeAgent({
    kubeConfig: nodeKubeConfig(cluster.kubeConfig, NODE),
    nodeName: NODE,
    nodeIP: '127.0.0.1',
    network,
    launcher,
    podLogDir,
    kubeletPort: 0,
    clock,
    log: (m) => logs.push(m),
  });
});

after(async () => {
  if (process.env['AGENT_LOGS'] !== undefined) console.log(logs.join('\n'));
  await agent.stop();
  await controllers.stop();
  await cluster.close();
  rmSync(podLogDir, { recursive: true, force: true });
});

test('the Node is registered Ready with its address and gets a pod CIDR', async () => {
  const [node] = await waitFor(
    '/api/v1/nodes',
    (items) => items.some((n) => (n['spec'] as { podCIDR?: string }).podCIDR !== undefined),
    'a pod CIDR',
  );
  assert.ok(node !== undefined);
  assert.equal(node.metadata.name, NODE);
  assert.equal((node['spec'] as { podCIDR: string }).podCIDR, '10.244.0.0/24');
  const status = node['status'] as {
    addresses: { type: string; address: string }[];
    capacity: Record<string, string>;
    conditions: { type: string; status: string; lastHeartbeatTime?: string }[];
    daemonEndpoints: { kubeletEndpoint: { Port: number } };
  };
  assert.deepEqual(status.addresses[0], { type: 'InternalIP', address: '127.0.0.1' });
  assert.ok(status.capacity['pods'] !== undefined);
  const ready = status.conditions.find((c) => c.type === 'Ready');
  assert.equal(ready?.status, 'True');
  assert.ok(ready.lastHeartbeatTime !== undefined);
  // kubeletPort 0: the port the log endpoint got is published.
  assert.ok(status.daemonEndpoints.kubeletEndpoint.Port > 0);
});

test('the Lease is renewed as the clock advances', async () => {
  const before = (await must('GET', leasePath))['spec'] as { renewTime: string; holderIdentity: string };
  assert.equal(before.holderIdentity, NODE);
  for (let round = 1; round <= 2; round++) {
    await clock.waitForTimer(10_000);
    clock.advance(10_000);
    const expected = clock.now().getTime();
    await waitFor(
      '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases',
      (items) => items.some((l) => Date.parse((l['spec'] as { renewTime: string }).renewTime) === expected),
      `renewal ${round}`,
    );
  }
});

test("a Deployment's pods run as processes, become Running and Ready, and the EndpointSlice turns ready", async () => {
  await must('POST', '/apis/apps/v1/namespaces/default/deployments', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'main', image: 'busybox', command: sleeper(), ports: [{ containerPort: 80 }] }] },
      },
    },
  });
  await must('POST', `${ns}/services`, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] },
  });
  const pods = (await waitFor(
    `${ns}/pods?labelSelector=app%3Dweb`,
    (items) => items.length === 2 && (items as PodShape[]).every(isReady),
    'two ready pods',
  )) as PodShape[];
  const ips = new Set<string>();
  for (const pod of pods) {
    assert.equal(pod.spec.nodeName, NODE);
    assert.equal(pod.status?.phase, 'Running');
    assert.equal(pod.status.hostIP, '127.0.0.1');
    assert.match(pod.status.podIP ?? '', /^10\.244\.0\.([2-9]|[1-9]\d+)$/);
    assert.deepEqual(pod.status.podIPs, [{ ip: pod.status.podIP }]);
    assert.ok(pod.status.startTime !== undefined);
    const [container] = pod.status.containerStatuses ?? [];
    assert.equal(container?.ready, true);
    assert.equal(container.restartCount, 0);
    assert.ok(container.state.running !== undefined);
    ips.add(pod.status.podIP ?? '');
    // The process got the pod's identity, and its network was set up with the same address.
    const launched = launcher.started.find((s) => s.env['POD_NAME'] === pod.metadata.name);
    assert.ok(launched !== undefined);
    assert.equal(launched.env['POD_IP'], pod.status.podIP);
    assert.equal(launched.env['NODE_NAME'], NODE);
    assert.ok([...network.live.values()].some((n) => n.podIP === pod.status?.podIP && n.podCIDR === '10.244.0.0/24'));
  }
  assert.equal(ips.size, 2);
  await waitFor(
    `${slices}?labelSelector=kubernetes.io%2Fservice-name%3Dweb`,
    (items) => {
      const endpoints = items.flatMap(
        (s) => (s['endpoints'] as { addresses: string[]; conditions: { ready: boolean } }[] | null) ?? [],
      );
      return endpoints.length === 2 && endpoints.every((e) => e.conditions.ready && ips.has(e.addresses[0] ?? ''));
    },
    'two ready endpoints',
  );
});

test('deleting a pod sends SIGTERM, tears its network down and confirms the deletion', async () => {
  const list = await must('GET', `${ns}/pods?labelSelector=app%3Dweb`);
  const [victim] = list['items'] as PodShape[];
  assert.ok(victim !== undefined);
  const launched = launcher.started.find((s) => s.env['POD_NAME'] === victim.metadata.name);
  assert.ok(launched !== undefined);
  assert.equal(await launched.firstLine, 'handling SIGTERM');
  await must('DELETE', `${ns}/pods/${victim.metadata.name}`);
  await waitFor(
    `${ns}/pods?labelSelector=app%3Dweb`,
    (items) => !items.some((p) => p.metadata.uid === victim.metadata.uid),
    'the deleted pod gone',
  );
  // Exit code 0: the process left on SIGTERM, not on SIGKILL.
  assert.equal(await launched.process.exited, 0);
  assert.ok(network.tornDown.includes(podNamespaceName(victim.metadata.uid)));
  // The ReplicaSet's replacement runs on this node too.
  await waitFor(
    `${ns}/pods?labelSelector=app%3Dweb`,
    (items) => items.length === 2 && (items as PodShape[]).every(isReady),
    'a ready replacement',
  );
});

test('a container that ignores SIGTERM is killed once the grace period passes on the clock', async () => {
  await must('POST', `${ns}/pods`, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'stubborn' },
    spec: {
      nodeName: NODE,
      terminationGracePeriodSeconds: 45,
      containers: [{ name: 'main', image: 'busybox', command: sleeper(true) }],
    },
  });
  await waitFor(
    `${ns}/pods?fieldSelector=metadata.name%3Dstubborn`,
    (items) => items.some((p) => isReady(p as PodShape)),
    'stubborn running',
  );
  const launched = launcher.started.find((s) => s.env['POD_NAME'] === 'stubborn');
  assert.ok(launched !== undefined);
  assert.equal(await launched.firstLine, 'handling SIGTERM');
  await must('DELETE', `${ns}/pods/stubborn`);
  await clock.waitForTimer(45_000);
  clock.advance(45_000);
  await waitFor(`${ns}/pods?fieldSelector=metadata.name%3Dstubborn`, (items) => items.length === 0, 'stubborn gone');
  assert.equal(await launched.process.exited, 128 + 9);
});

test('an image the agent cannot run leaves the pod Pending with ErrImageNeverPull', async () => {
  await must('POST', `${ns}/pods`, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'nginx' },
    spec: { nodeName: NODE, containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
  });
  const [pod] = (await waitFor(
    `${ns}/pods?fieldSelector=metadata.name%3Dnginx`,
    (items) => items.some((p) => (p as PodShape).status?.containerStatuses !== undefined),
    'the nginx status',
  )) as PodShape[];
  assert.equal(pod?.status?.phase, 'Pending');
  assert.equal(pod.status.podIP, undefined);
  const waiting = pod.status.containerStatuses?.[0]?.state.waiting;
  assert.equal(waiting?.reason, 'ErrImageNeverPull');
  assert.match(waiting.message ?? '', /processes, not images/);
  assert.equal(isReady(pod), false);
});

/** The pod named `name` once `predicate` holds for it. */
async function podWhen(name: string, predicate: (pod: PodShape) => boolean, what: string): Promise<PodShape> {
  const [pod] = await waitFor(
    `${ns}/pods?fieldSelector=metadata.name%3D${name}`,
    (items) => items.some((p) => predicate(p as PodShape)),
    what,
  );
  assert.ok(pod !== undefined);
  return pod as PodShape;
}

/** The EndpointSlice endpoint of `ip` in Service `service` once its `ready` is `ready`. */
async function endpointReady(service: string, ip: string, ready: boolean): Promise<void> {
  await waitFor(
    `${slices}?labelSelector=kubernetes.io%2Fservice-name%3D${service}`,
    (items) =>
      items
        .flatMap((s) => (s['endpoints'] as { addresses: string[]; conditions: { ready: boolean } }[] | null) ?? [])
        .some((e) => e.addresses[0] === ip && e.conditions.ready === ready),
    `endpoint ${ip} ready=${String(ready)}`,
  );
}

const firstStatus = (pod: PodShape) => pod.status?.containerStatuses?.[0];

test('an httpGet readiness probe moves the endpoint ready, not ready and ready again', async () => {
  let healthy = true;
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(request.url ?? '');
    response.writeHead(healthy ? 200 : 503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  try {
    await must('POST', `${ns}/services`, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'probed' },
      spec: { selector: { app: 'probed' }, ports: [{ port: 80, targetPort: 'http' }] },
    });
    const readinessProbe = {
      httpGet: { host: '127.0.0.1', path: '/ready', port: 'http' },
      periodSeconds: 3,
      failureThreshold: 1,
    };
    await must('POST', `${ns}/pods`, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'probed', labels: { app: 'probed' } },
      spec: {
        nodeName: NODE,
        containers: [
          {
            name: 'main',
            image: 'busybox',
            command: sleeper(),
            ports: [{ name: 'http', containerPort: port }],
            readinessProbe,
          },
        ],
      },
    });
    const pod = await podWhen('probed', isReady, 'probed ready');
    const ip = pod.status?.podIP ?? '';
    await endpointReady('probed', ip, true);
    healthy = false;
    await clock.waitForTimer(3000);
    clock.advance(3000);
    const notReady = await podWhen('probed', (p) => firstStatus(p)?.ready === false, 'probed not ready');
    assert.equal(isReady(notReady), false);
    assert.ok(firstStatus(notReady)?.state.running !== undefined);
    await endpointReady('probed', ip, false);
    healthy = true;
    await clock.waitForTimer(3000);
    clock.advance(3000);
    await podWhen('probed', isReady, 'probed ready again');
    await endpointReady('probed', ip, true);
    assert.ok(paths.length >= 3 && paths.every((p) => p === '/ready'));
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('a failing exec liveness probe kills the container and it is restarted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-live-'));
  const alive = join(dir, 'alive');
  writeFileSync(alive, '');
  try {
    const check = `process.exit(require('node:fs').existsSync(${JSON.stringify(alive)}) ? 0 : 1)`;
    const livenessProbe = {
      exec: { command: ['node', '-e', check] },
      initialDelaySeconds: 5,
      periodSeconds: 4,
      failureThreshold: 1,
    };
    await must('POST', `${ns}/pods`, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'lively' },
      spec: { nodeName: NODE, containers: [{ name: 'main', image: 'busybox', command: sleeper(), livenessProbe }] },
    });
    await podWhen('lively', isReady, 'lively ready');
    await clock.waitForTimer(5000);
    rmSync(alive);
    assert.equal(existsSync(alive), false);
    clock.advance(5000);
    const pod = await podWhen(
      'lively',
      (p) => firstStatus(p)?.restartCount === 1 && firstStatus(p)?.state.running !== undefined && isReady(p),
      'lively restarted',
    );
    assert.deepEqual(
      {
        exitCode: firstStatus(pod)?.lastState?.terminated?.exitCode,
        reason: firstStatus(pod)?.lastState?.terminated?.reason,
      },
      { exitCode: 128 + 9, reason: 'Error' },
    );
    assert.equal(pod.status?.phase, 'Running');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a crashing container goes CrashLoopBackOff with the back-off doubling on the clock', async () => {
  await must('POST', `${ns}/pods`, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'crasher' },
    spec: {
      nodeName: NODE,
      containers: [{ name: 'main', image: 'busybox', command: ['node', '-e', 'process.exit(2)'] }],
    },
  });
  // The first restart is immediate; then 10 s, 20 s, 40 s.
  for (const [restarts, seconds] of [
    [1, 10],
    [2, 20],
    [3, 40],
  ] as const) {
    const pod = await podWhen(
      'crasher',
      (p) => firstStatus(p)?.restartCount === restarts && firstStatus(p)?.state.waiting?.reason === 'CrashLoopBackOff',
      `back-off after ${restarts} restarts`,
    );
    const status = firstStatus(pod);
    assert.match(
      status?.state.waiting?.message ?? '',
      new RegExp(`^back-off ${seconds}s restarting failed container=main pod=default/crasher`),
    );
    assert.deepEqual(
      status?.lastState?.terminated && {
        exitCode: status.lastState.terminated.exitCode,
        reason: status.lastState.terminated.reason,
      },
      { exitCode: 2, reason: 'Error' },
    );
    assert.equal(pod.status?.phase, 'Running');
    assert.equal(isReady(pod), false);
    clock.advance(seconds * 1000);
  }
  await podWhen(
    'crasher',
    (p) => firstStatus(p)?.state.waiting?.message?.startsWith('back-off 80s') === true,
    'back-off 80s',
  );
});

test('with restartPolicy Never or OnFailure, finished containers end the pod Succeeded or Failed', async () => {
  const cases = [
    { name: 'never-ok', policy: 'Never', code: 0, phase: 'Succeeded', reason: 'Completed' },
    { name: 'never-bad', policy: 'Never', code: 1, phase: 'Failed', reason: 'Error' },
    { name: 'onfailure-ok', policy: 'OnFailure', code: 0, phase: 'Succeeded', reason: 'Completed' },
  ];
  for (const c of cases) {
    await must('POST', `${ns}/pods`, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: c.name },
      spec: {
        nodeName: NODE,
        restartPolicy: c.policy,
        containers: [{ name: 'main', image: 'busybox', command: ['node', '-e', `process.exit(${c.code})`] }],
      },
    });
  }
  for (const c of cases) {
    const pod = await podWhen(c.name, (p) => p.status?.phase === c.phase, `${c.name} ${c.phase}`);
    const status = firstStatus(pod);
    assert.equal(status?.restartCount, 0);
    assert.deepEqual(
      status.state.terminated && {
        exitCode: status.state.terminated.exitCode,
        reason: status.state.terminated.reason,
      },
      { exitCode: c.code, reason: c.reason },
    );
    assert.equal(isReady(pod), false);
    // A finished pod holds no network (checked by its namespace: its IP may already serve another pod).
    const launched = launcher.started.find((s) => s.env['POD_NAME'] === c.name);
    assert.ok(launched !== undefined);
    assert.ok(!network.live.has(podNamespaceName(pod.metadata.uid)), `${c.name} still has a network`);
  }
});

test('stop() kills every process it started and removes every pod network', async () => {
  assert.ok(launcher.started.length >= 3);
  await agent.stop();
  for (const { pid } of launcher.started) {
    assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' }, `process ${pid} still exists`);
  }
  assert.equal(network.live.size, 0);
});

/** Runs `portico node ...args` with the given root answer; resolves with the exit code and stderr. */
async function runNodeCommand(
  isRoot: boolean,
  args: string[],
  inNamespace = false,
): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const io = { stdout: () => undefined, stderr: (text: string) => (stderr += text), stdin: () => '' };
  const program = new Command('portico').exitOverride();
  registerNodeCommand(program, io, {
    isRoot: () => isRoot,
    runsInNamespace: () => inNamespace,
    waitForSignal: () => Promise.resolve('SIGTERM'),
  });
  try {
    await program.parseAsync(['node', 'portico', 'node', ...args]);
    return { code: 0, stderr };
  } catch (error) {
    if (error instanceof CliExit) return { code: error.code, stderr };
    throw error;
  }
}

test('portico node refuses to start without root, before anything else', async () => {
  const result = await runNodeCommand(false, ['--hostname-override', 'n1', '--node-ip', '192.168.77.2']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /^error: portico node must run as root: .*network namespace/);
});

test('portico node checks its flags', async () => {
  const noIP = await runNodeCommand(true, ['--hostname-override', 'n1', '--node-ip', 'nope']);
  assert.equal(noIP.code, 1);
  assert.match(noIP.stderr, /--node-ip must be an IPv4 address/);
  const badNamespace = await runNodeCommand(true, [
    '--hostname-override',
    'n1',
    '--node-ip',
    '192.168.77.2',
    '--node-namespace',
    'host',
  ]);
  assert.equal(badNamespace.code, 1);
  assert.match(badNamespace.stderr, /must start with "portico-"/);
  const node = ['--hostname-override', 'n1', '--node-ip', '192.168.77.2'];
  const badSize = await runNodeCommand(true, [...node, '--container-log-max-size', '10MB']);
  assert.equal(badSize.code, 1);
  assert.match(badSize.stderr, /^error: failed to parse container log max size "10MB"$/m);
  const badFiles = await runNodeCommand(true, [...node, '--container-log-max-files', '1']);
  assert.equal(badFiles.code, 1);
  assert.match(badFiles.stderr, /^error: invalid MaxFiles 1, must be > 1$/m);
});

test("portico node runs the proxy only from inside the node's namespace, and needs that namespace", async () => {
  const args = ['--hostname-override', 'n1', '--node-ip', '192.168.77.2', '--node-namespace', 'portico-t-absent'];
  const outside = await runNodeCommand(true, args);
  assert.equal(outside.code, 1);
  assert.match(
    outside.stderr,
    /^error: the proxy programs the network namespace it runs in, and this is not portico-t-absent: start the agent with `nsenter --net=\/run\/netns\/portico-t-absent portico node \.\.\.`, or pass --proxy=false$/m,
  );
  const noProxy = await runNodeCommand(true, [...args, '--proxy=false']);
  assert.equal(noProxy.code, 1);
  assert.match(noProxy.stderr, /^error: network namespace portico-t-absent does not exist/m);
});
