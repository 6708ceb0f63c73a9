/**
 * An established connection through a ClusterIP survives a proxy restart. Inside a private network namespace: a
 * "pod" address (10.244.1.2 on lo) with a TCP echo server, a node address and a Service CIDR route on lo, and a client that
 * connects to the Service's ClusterIP (DNAT on the OUTPUT path). The proxy is stopped and a new one started; the
 * same connection keeps exchanging data and `iptables-save` is unchanged. Skipped, saying why, without root.
 */
import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { defaultRenderConfig, type RenderConfig } from '../src/proxy/iptables/config.ts';
import { spawnCommand } from '../src/exec/command.ts';
import { createIptablesRunner } from '../src/proxy/runtime/iptables-runner.ts';
import { assertPrivateNamespace, holdPrivateNetns, type NetnsHolder } from '../src/proxy/runtime/netns-holder.ts';
import { type ProxyRuntime, startProxyRuntime } from '../src/proxy/runtime/runtime.ts';
import type { ProxySnapshot } from '../src/proxy/types.ts';
import { announceSkip, privateNetnsSkipReason } from './support/private-netns.ts';
import { type ClusterApi, startClusterApi } from './support/cluster-api.ts';

const skip = announceSkip(
  privateNetnsSkipReason(['nsenter', 'ip', 'iptables', 'iptables-restore', 'iptables-save']),
  'proxy restart traffic test',
);

const podIP = '10.244.1.2';
const config: RenderConfig = {
  ...defaultRenderConfig,
  nodeName: 'node-1',
  nodeIP: '10.0.0.10',
  interfaceAddrs: ['10.0.0.10/24'],
  localDetector: { mode: 'ClusterCIDR', cidr: '10.244.0.0/16' },
  nfacctCounters: {},
};

/** Echoes each line back prefixed with the peer's address, so replies show which connection carried them. */
const echoServer = `
const net = require('node:net');
const server = net.createServer((socket) => {
  const peer = socket.remoteAddress + ':' + socket.remotePort;
  let buffered = '';
  socket.on('data', (chunk) => {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf('\\n')) >= 0) {
      socket.write(peer + ' ' + buffered.slice(0, newline) + '\\n');
      buffered = buffered.slice(newline + 1);
    }
  });
  socket.on('error', () => {});
});
server.listen(8080, process.argv[1], () => console.log('listening'));
`;

/** Connects once to argv host:port, prints "connected", relays stdin lines to the socket and replies to stdout. */
const echoClient = `
const net = require('node:net');
const socket = net.connect(Number(process.argv[2]), process.argv[1], () => console.log('connected'));
socket.pipe(process.stdout);
process.stdin.pipe(socket);
socket.on('close', () => { console.log('closed'); process.exit(0); });
socket.on('error', (error) => { console.log('error ' + error.message); process.exit(1); });
`;

/** A Node process inside the namespace, read line by line. */
interface NsProcess {
  readonly child: ChildProcessWithoutNullStreams;
  nextLine(): Promise<string>;
  kill(): void;
}

let netns: NetnsHolder;
let cluster: ClusterApi;
let runtime: ProxyRuntime;
let clusterIP: string;
const started: NsProcess[] = [];

/** Runs `node -e script ...args` inside the namespace (nsenter execs node, so the PID is node's). */
function nodeInNetns(script: string, args: readonly string[]): NsProcess {
  assertPrivateNamespace(netns.pid);
  const child = spawn(...(['nsenter', [...netns.prefix.slice(1), process.execPath, '-e', script, ...args]] as const));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const proc: NsProcess = {
    child,
    nextLine: async () => {
      const next = await lines.next();
      if (next.done === true) throw new Error('process output ended');
      return next.value;
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        process.kill(child.pid, 'SIGKILL');
      }
    },
  };
  started.push(proc);
  return proc;
}

/** Runs a command inside the namespace and requires it to succeed. */
async function inside(argv: readonly string[]): Promise<void> {
  const result = await netns.run(argv);
  assert.equal(result.code, 0, `${argv.join(' ')}: ${result.stderr}`);
}

function startRuntime(): Promise<ProxyRuntime> {
  return startProxyRuntime({
    kubeConfig: cluster.kubeConfig,
    nodeName: 'node-1',
    ipFamily: 'IPv4',
    renderConfig: () => config,
    iptables: createIptablesRunner(netns.run, 'IPv4'),
    minSyncPeriodMs: 20,
    syncPeriodMs: 200,
    healthzAddress: null,
    metricsAddress: null,
    healthCheckAddresses: ['127.0.0.1'],
  });
}

/** Waits, sync by sync, until the applied snapshot satisfies `done`. */
async function syncedWhen(done: (applied: ProxySnapshot) => boolean): Promise<void> {
  const proxier = await runtime.ready;
  while (proxier.applied === undefined || !done(proxier.applied)) await runtime.nextSync();
}

/** `iptables-save` inside the namespace without comment lines and with counters zeroed (traffic moves them). */
async function kernelRules(): Promise<string> {
  const result = await netns.run(['iptables-save']);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .map((line) => line.replace(/\[\d+:\d+\]$/, '[0:0]'))
    .join('\n');
}

/** Sends one line through the client and returns the echoed reply. */
async function exchange(client: NsProcess, text: string): Promise<string> {
  client.child.stdin.write(`${text}\n`);
  return client.nextLine();
}

// A timeout only so a broken DNAT path fails instead of hanging; nothing here asserts on time.
describe('an established connection across a proxy restart', { skip, timeout: 120_000 }, () => {
  before(async () => {
    netns = await holdPrivateNetns(spawnCommand);
    await inside(['ip', 'link', 'set', 'lo', 'up']);
    await inside(['ip', 'addr', 'add', `${podIP}/32`, 'dev', 'lo']);
    // A node address and a route for the Service CIDR (both on lo: no dummy/veth module is needed), so connect()
    // to a ClusterIP finds a route before the OUTPUT DNAT rewrites the destination.
    await inside(['ip', 'addr', 'add', '10.0.0.10/32', 'dev', 'lo']);
    await inside(['ip', 'route', 'add', '10.96.0.0/12', 'dev', 'lo', 'src', '10.0.0.10']);

    cluster = await startClusterApi();
    await cluster.expectStatus(
      'POST',
      '/api/v1/nodes',
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } },
      201,
    );
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'echo', namespace: 'default' },
      spec: { ports: [{ name: 'tcp', port: 80, targetPort: 8080 }] },
    };
    const created = (await cluster.expectStatus(
      'POST',
      '/api/v1/namespaces/default/services',
      service,
      201,
    )) as Service;
    clusterIP = created.spec?.clusterIP ?? '';
    const slice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'echo-1', namespace: 'default', labels: { 'kubernetes.io/service-name': 'echo' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [podIP], conditions: { ready: true }, nodeName: 'node-1' }],
      ports: [{ name: 'tcp', port: 8080, protocol: 'TCP' }],
    };
    await cluster.expectStatus('POST', '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices', slice, 201);
    runtime = await startRuntime();
  });

  after(async () => {
    for (const proc of started) proc.kill();
    await runtime.stop();
    await cluster.close();
    netns.kill();
  });

  test('the same connection keeps echoing and the rules are unchanged', async () => {
    await syncedWhen((applied) => (applied.endpoints.get('default/echo')?.size ?? 0) > 0);
    assert.match(clusterIP, /^10\.(9[6-9]|1[01]\d)\./);

    const echo = nodeInNetns(echoServer, [podIP]);
    assert.equal(await echo.nextLine(), 'listening');
    assertPrivateNamespace(echo.child.pid ?? 0);

    const client = nodeInNetns(echoClient, [clusterIP, '80']);
    assert.equal(await client.nextLine(), 'connected');
    assertPrivateNamespace(client.child.pid ?? 0);
    const first = await exchange(client, 'before restart');
    const match = /^(\S+) before restart$/.exec(first);
    assert.ok(match, `unexpected reply: ${first}`);
    const peer = match[1] ?? '';

    const rulesBefore = await kernelRules();
    assert.match(rulesBefore, new RegExp(`-d ${clusterIP.replaceAll('.', '\\.')}/32 .*default/echo:tcp`));
    await runtime.stop();
    assert.equal(await exchange(client, 'while stopped'), `${peer} while stopped`);

    runtime = await startRuntime();
    await runtime.nextSync((outcome) => outcome.kind === 'full' && outcome.ok);
    assert.equal(await exchange(client, 'after restart'), `${peer} after restart`);
    assert.equal(await kernelRules(), rulesBefore);

    client.child.stdin.end();
    assert.equal(await client.nextLine(), 'closed');
    const [code] = (await once(client.child, 'exit')) as [number | null];
    assert.equal(code, 0);
  });
});
