/**
 * NodePort throughput: requests per second from the host through the demo NodePort (node 1's IP, port 31155, so
 * kube-proxy's rules split the traffic over the local and the remote pod) and through the ClusterIP, against
 * requests per second straight to a pod IP, all measured in one run of `portico up --nodes 2`. Prints; never asserts.
 *
 * The cluster part runs in a child under `unshare --net --mount` with a tmpfs over /run, exactly like
 * test/cluster-up.test.ts: the cluster's "host" is that private namespace, so no packet reaches the real host's
 * networks and every namespace dies with the child. `node --import tsx bench/nodeport-throughput.bench.ts` runs
 * this benchmark alone.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { DEMO_NODE_PORT, DEMO_SERVICE, demoDeployment } from '../src/cluster/demo.ts';
import { type ClusterPlan, DEFAULT_CLUSTER_OPTIONS, planCluster } from '../src/cluster/plan.ts';
import { kubectlMissing, runKubectl } from '../test/support/kubectl.ts';
import {
  assertPrivateNamespaces,
  isPrivateNetnsChild,
  privateNamespacesSkipReason,
  privateScratchDir,
  runTestFileInPrivateNamespaces,
} from '../test/support/private-netns.ts';
import { type LoadResult, mergeLoadResults, runLoad } from './http-load.ts';
import { machineDescription } from './machine.ts';
import { formatMillis } from './timing.ts';

const THIS_FILE = fileURLToPath(import.meta.url);
const BIN = fileURLToPath(new URL('../bin/portico.mjs', import.meta.url));
const CLUSTER_NAME = 'bench';
const concurrency = 16;
const durationMs = 5000;
const warmupMs = 1000;
/** Each target's duration is split into this many rounds, interleaved with the other targets'. */
const rounds = 5;

/** One URL to load, and what it is. */
interface Target {
  readonly label: string;
  readonly url: string;
}

function portico(args: readonly string[]): { ok: boolean; output: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 300_000 });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

async function kubectlJson<T>(plan: ClusterPlan, args: readonly string[]): Promise<T> {
  const run = await runKubectl('kubectl', plan.dir, [...args, '-o', 'json']);
  if (run.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${run.stderr.trim()}`);
  return JSON.parse(run.stdout) as T;
}

/** The demo pods on node 1 and node 2 and the demo Service's ClusterIP and NodePort, as URLs to load. */
async function findTargets(plan: ClusterPlan): Promise<Target[]> {
  const selector = Object.entries(demoDeployment.spec?.selector.matchLabels ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  const pods = (await kubectlJson<{ items: Pod[] }>(plan, ['get', 'pods', '-l', selector])).items;
  const service = await kubectlJson<{ spec?: { clusterIP?: string } }>(plan, ['get', 'svc', DEMO_SERVICE]);
  const [node1, node2] = plan.nodes;
  const podOn = (nodeName: string | undefined): string => {
    const ip = pods.find((pod) => pod.spec?.nodeName === nodeName && pod.status?.phase === 'Running')?.status?.podIP;
    if (ip === undefined) throw new Error(`no running demo pod with an IP on ${nodeName ?? '?'}`);
    return ip;
  };
  const nodeIP = node1?.ip ?? '';
  const clusterIP = service.spec?.clusterIP ?? '';
  return [
    { label: `pod on node 1 direct (${podOn(node1?.name)}:80)`, url: `http://${podOn(node1?.name)}:80/` },
    { label: `pod on node 2 direct (${podOn(node2?.name)}:80)`, url: `http://${podOn(node2?.name)}:80/` },
    { label: `NodePort (${nodeIP}:${DEMO_NODE_PORT})`, url: `http://${nodeIP}:${DEMO_NODE_PORT}/` },
    { label: `ClusterIP (${clusterIP}:80)`, url: `http://${clusterIP}:80/` },
  ];
}

/** Retransmitted SYNs in this network namespace so far: each is a connection that waited a second or more. */
function synRetransmits(): number {
  const lines = readFileSync('/proc/net/netstat', 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('TcpExt:'));
  const names = lines[0]?.split(/\s+/) ?? [];
  return Number(lines[1]?.split(/\s+/)[names.indexOf('TCPSynRetrans')] ?? 0);
}

/** What one target measured over all rounds. */
interface Measured {
  readonly target: Target;
  readonly runs: LoadResult[];
  synRetransmits: number;
}

function formatRow({ target, runs, synRetransmits }: Measured, baseline: number | undefined): string {
  const result = mergeLoadResults(runs);
  const ratio = baseline === undefined ? '(baseline)' : `ratio ${(result.requestsPerSecond / baseline).toFixed(2)}`;
  const { p50, p99, max } = result.latencyMs;
  const latency = `p50 ${formatMillis(p50)}  p99 ${formatMillis(p99)}  max ${formatMillis(max)}`;
  const errors = result.errors === 0 ? 'errors 0' : `errors ${result.errors} (first: ${result.firstError ?? '?'})`;
  const rate = `${result.requestsPerSecond.toFixed(0).padStart(6)} req/s`;
  const retransmits = `SYN retransmits ${synRetransmits}`;
  return `    ${target.label.padEnd(40)} ${rate}  ${ratio.padEnd(10)}  ${latency}  ${errors}  ${retransmits}`;
}

/**
 * Warms every target up, then loads them in interleaved rounds, so a slow moment of the machine falls on all
 * targets alike rather than on one; prints one row each, the first target being the baseline.
 */
async function measureTargets(targets: readonly Target[], keepAlive: boolean): Promise<void> {
  const load = (url: string, ms: number): Promise<LoadResult> =>
    runLoad({ url, concurrency, durationMs: ms, keepAlive });
  for (const target of targets) await load(target.url, warmupMs);
  const measured: Measured[] = targets.map((target) => ({ target, runs: [], synRetransmits: 0 }));
  for (let round = 0; round < rounds; round++) {
    for (const entry of measured) {
      const before = synRetransmits();
      entry.runs.push(await load(entry.target.url, durationMs / rounds));
      entry.synRetransmits += synRetransmits() - before;
    }
  }
  const baseline = measured[0] === undefined ? undefined : mergeLoadResults(measured[0].runs).requestsPerSecond;
  for (const [i, entry] of measured.entries()) console.log(formatRow(entry, i === 0 ? undefined : baseline));
}

/** The child's part: builds the cluster, measures, and always takes it down again. */
async function measureInPrivateNamespaces(): Promise<void> {
  assertPrivateNamespaces();
  // The parent stops whatever names this folder once the child ends, and removes it.
  const stateDir = privateScratchDir();
  const plan = planCluster({ ...DEFAULT_CLUSTER_OPTIONS, name: CLUSTER_NAME, stateDir });
  const down = (): void => {
    const result = portico(['down', '--name', CLUSTER_NAME, '--state-dir', stateDir]);
    if (!result.ok) console.log(`  portico down failed: ${result.output}`);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      down();
      process.exit(130);
    });
  }
  const cpu = machineDescription().split('\n')[0] ?? '';
  console.log(`  measured inside private network and mount namespaces on this machine (${cpu})`);
  try {
    const start = performance.now();
    const up = portico(['up', '--name', CLUSTER_NAME, '--nodes', '2', '--detach', '--state-dir', stateDir]);
    if (!up.ok) throw new Error(`portico up failed:\n${up.output}`);
    console.log(`  portico up --nodes 2 --detach: ready in ${formatMillis(performance.now() - start)}`);
    const targets = await findTargets(plan);
    const load =
      `concurrency ${concurrency}, ${durationMs / 1000} s each in ${rounds} interleaved rounds, ` +
      `after a ${warmupMs / 1000} s warm-up`;
    console.log(`  new TCP connection per request (${load}):`);
    await measureTargets(targets, false);
    console.log(`  keep-alive, one connection per worker (${load}):`);
    await measureTargets(targets, true);
    console.log(
      '  (the load generator is one Node.js process on the same cores as the pods and proxies: when it is the\n' +
        '   bottleneck, the ratios understate what the NodePort costs. A SYN retransmit is a connection that\n' +
        '   waited a second or more, most likely a masqueraded connection reusing a (node address, port) pair a pod\n' +
        '   still holds in TIME_WAIT; NodePort and ClusterIP traffic share those addresses)',
    );
  } finally {
    down();
  }
}

/** Runs the measurement in private namespaces and prints it; skipped, saying why, without root or the tools. */
export async function benchNodePortThroughput(): Promise<void> {
  console.log('NodePort throughput vs straight to a pod IP (portico up, 2 nodes, portico/echo on port 80)');
  const skip = privateNamespacesSkipReason(['nsenter', 'iptables']) ?? kubectlMissing;
  if (skip !== undefined) {
    console.log(`  skipped: ${skip}`);
    return;
  }
  const { code, output } = await runTestFileInPrivateNamespaces(THIS_FILE, 600_000);
  process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  if (code !== 0) console.log(`  the measurement failed (exit code ${code ?? 'killed'})`);
}

if (resolve(process.argv[1] ?? '') === THIS_FILE) {
  if (isPrivateNetnsChild()) {
    await measureInPrivateNamespaces();
  } else {
    console.log(machineDescription());
    console.log('');
    await benchNodePortThroughput();
  }
}
