/**
 * `portico up` end to end, on a real kernel: two nodes in network namespaces, the demo NodePort Service, traffic
 * from the host through either node to both pods, a ClusterIP from inside a pod, the node's live rules and
 * counters, pod replacement, `kubectl expose` with a dynamic nodePort, and a `portico down` that leaves nothing.
 *
 * Everything runs in a child under `unshare --net --mount` with a tmpfs over /run: the "host" of the cluster is
 * that private namespace, so no packet reaches the real host's networks and every namespace dies with it.
 * Skipped, saying why, without root, `unshare`, `ip`, `nsenter`, `iptables`, `curl` or `kubectl`.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, type ChildProcessByStdio, execFile, spawn, spawnSync } from 'node:child_process';
import type { Readable } from 'node:stream';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { httpGet } from '../src/cluster/http-get.ts';
import { DEFAULT_CLUSTER_OPTIONS, planCluster } from '../src/cluster/plan.ts';
import { kubectlMissing, runKubectl } from './support/kubectl.ts';
import {
  announceSkip,
  assertPrivateNamespaces,
  isPrivateNetnsChild,
  privateNamespacesSkipReason,
  privateScratchDir,
  runTestFileInPrivateNamespaces,
} from './support/private-netns.ts';

const BIN = fileURLToPath(new URL('../bin/portico.mjs', import.meta.url));

if (isPrivateNetnsChild()) {
  clusterScenario();
} else {
  const skip = announceSkip(
    privateNamespacesSkipReason(['nsenter', 'iptables', 'curl']) ?? kubectlMissing,
    'portico up end-to-end test',
  );
  test('portico up: a two-node cluster in private network namespaces', { skip, timeout: 900_000 }, async () => {
    const { code, output } = await runTestFileInPrivateNamespaces(fileURLToPath(import.meta.url), 880_000);
    assert.equal(code, 0, output);
    assert.match(output, /^# fail 0$/m, output);
    assert.doesNotMatch(output, /^# pass 0$/m, output);
  });
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function portico(args: readonly string[], timeoutMs = 240_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: timeoutMs }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

function sh(argv: readonly string[]): Run {
  const [program = '', ...args] = argv;
  const result = spawnSync(program, args, { encoding: 'utf8', timeout: 20_000 });
  return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** Retries `check` for up to `ms`, returning its first defined answer. */
async function eventually<T>(what: string, ms: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await sleep(250);
  }
  assert.fail(`${what} did not happen within ${ms} ms (${String(last)})`);
}

interface EchoAnswer {
  readonly podName: string;
  readonly podIP: string;
  readonly nodeName: string;
  readonly clientIP: string;
}

async function echo(url: string): Promise<EchoAnswer> {
  const answer = await httpGet(url, 3000, { accept: 'application/json' });
  assert.equal(answer.status, 200, answer.body);
  return JSON.parse(answer.body) as EchoAnswer;
}

interface PodView {
  readonly name: string;
  readonly node: string;
  readonly ip: string;
  readonly phase: string;
  readonly deleting: boolean;
}

function clusterScenario(): void {
  const stateDir = privateScratchDir();
  const plan = planCluster({ ...DEFAULT_CLUSTER_OPTIONS, name: 'e2e', stateDir });
  const [node1, node2] = plan.nodes;
  assert.ok(node1 !== undefined && node2 !== undefined);
  const kubectl = (...args: string[]): Promise<Run> => runKubectl('kubectl', plan.dir, args);
  let recordedPids: number[] = [];

  const demoPods = async (): Promise<PodView[]> => {
    const listed = await kubectl('get', 'pods', '-l', 'app=livefire', '-o', 'json');
    assert.equal(listed.code, 0, listed.stderr);
    const items = (JSON.parse(listed.stdout) as { items: Record<string, Record<string, unknown>>[] }).items;
    const text = (value: unknown): string => (typeof value === 'string' ? value : '');
    return items.map((pod) => ({
      name: text(pod['metadata']?.['name']),
      node: text(pod['spec']?.['nodeName']),
      ip: text(pod['status']?.['podIP']),
      phase: text(pod['status']?.['phase']),
      deleting: pod['metadata']?.['deletionTimestamp'] !== undefined,
    }));
  };
  const liveNat = (node = node1): string => {
    const saved = sh(['ip', 'netns', 'exec', node.namespace, 'iptables-save', '-t', 'nat']);
    assert.equal(saved.code, 0, saved.stderr);
    return saved.stdout;
  };

  before(async () => {
    assertPrivateNamespaces();
    const up = await portico(['up', '--name', 'e2e', '--nodes', '2', '--detach', '--state-dir', stateDir]);
    assert.equal(up.code, 0, `${up.stdout}\n${up.stderr}`);
    assert.match(up.stdout, /Cluster "e2e" is ready/);
    recordedPids = readdirSync(plan.dir)
      .filter((file) => file.endsWith('.pid'))
      .map((file) => Number(readFileSync(join(plan.dir, file), 'utf8').trim()));
    assert.equal(recordedPids.length, 3, 'an API server and two node agents');
  });

  after(async () => {
    // Whatever happened above, leave nothing: down is idempotent. The parent removes the folder.
    for (const name of ['e2e', 'fg']) await portico(['down', '--name', name, '--state-dir', stateDir]);
  });

  test('both demo pods run, on different nodes', async () => {
    const pods = await demoPods();
    assert.equal(pods.length, 2);
    assert.ok(pods.every((pod) => pod.phase === 'Running'));
    assert.deepEqual(pods.map((pod) => pod.node).sort(), [node1.name, node2.name]);
  });

  test('kubectl get svc shows the NodePort Service on 31155', async () => {
    const svc = await kubectl('get', 'svc', 'livefire-nodeport-svc');
    assert.equal(svc.code, 0, svc.stderr);
    assert.match(
      svc.stdout,
      /^livefire-nodeport-svc\s+NodePort\s+10\.(9[6-9]|10\d|11[01])\.\d+\.\d+\s+<none>\s+80:31155\/TCP\s/m,
    );
  });

  test("kubectl logs reads a demo pod's output from its node", async () => {
    const [pod] = await demoPods();
    assert.ok(pod !== undefined);
    const logs = await kubectl('logs', pod.name);
    assert.equal(logs.code, 0, logs.stderr);
    assert.match(logs.stdout, /listening on port 80/);
  });

  test('each node runs with its own credential; the state folder and its secrets are owner-only', async () => {
    const modeOf = (path: string): number => statSync(path).mode & 0o777;
    const controlPlane = join(plan.dir, 'control-plane');
    assert.equal(modeOf(plan.dir), 0o700);
    assert.equal(modeOf(controlPlane), 0o700);
    for (const file of [
      plan.kubeconfigPath,
      ...['state.db', 'admin-token', 'ca.key'].map((f) => join(controlPlane, f)),
    ]) {
      assert.equal(modeOf(file), 0o600, file);
    }
    for (const node of plan.nodes) {
      const kubeconfig = join(controlPlane, 'nodes', `${node.name}.kubeconfig`);
      assert.equal(modeOf(kubeconfig), 0o600);
      assert.match(readFileSync(kubeconfig, 'utf8'), new RegExp(`token: node:${node.name}:`));
      const created = await kubectl('--kubeconfig', kubeconfig, 'create', 'service', 'clusterip', 'x', '--tcp=80');
      assert.match(
        created.stderr,
        new RegExp(`services is forbidden: User "system:node:${node.name}" cannot create resource "services"`),
      );
    }
  });

  test('curl from the host to each node IP on 31155 reaches both pods, across nodes too', async () => {
    const pods = await demoPods();
    for (const node of plan.nodes) {
      const seen = new Map<string, EchoAnswer>();
      for (let i = 0; i < 40 && seen.size < 2; i++) {
        const answer = await echo(`http://${node.ip}:31155/`);
        seen.set(answer.podName, answer);
      }
      assert.deepEqual([...seen.keys()].sort(), pods.map((pod) => pod.name).sort(), `through ${node.name}`);
      for (const answer of seen.values()) {
        // externalTrafficPolicy Cluster: kube-proxy masquerades, so the pod sees the node that took the packet —
        // its pod bridge address when the pod is local, its node IP when the packet went on to the other node.
        const expected = answer.nodeName === node.name ? answer.podIP.replace(/\.\d+$/, '.1') : node.ip;
        assert.equal(answer.clientIP, expected, `${answer.podName} through ${node.name}`);
      }
    }
  });

  test('from inside a pod, the ClusterIP on port 80 works', async () => {
    const svc = await kubectl('get', 'svc', 'livefire-nodeport-svc', '-o', 'jsonpath={.spec.clusterIP}');
    assert.equal(svc.code, 0, svc.stderr);
    const podNamespaces = sh(['ip', 'netns', 'list'])
      .stdout.split('\n')
      .map((line) => line.split(' ')[0] ?? '');
    const inPod = podNamespaces.find((ns) => plan.podNamespacePattern.test(ns));
    assert.ok(inPod !== undefined, 'a pod namespace');
    for (let i = 0; i < 6; i++) {
      const curl = sh(['ip', 'netns', 'exec', inPod, 'curl', '-sS', '--max-time', '3', `http://${svc.stdout}/`]);
      assert.equal(curl.code, 0, curl.stderr);
      assert.match(curl.stdout, /^pod: hello-livefire-/m);
    }
  });

  test("a node's nat table has kube-proxy's chains, and their counters grow with traffic", async () => {
    const listing = (): string => {
      const out = sh(['ip', 'netns', 'exec', node1.namespace, 'iptables', '-t', 'nat', '-L', '-n', '-v', '-x']);
      assert.equal(out.code, 0, out.stderr);
      return out.stdout;
    };
    const before = listing();
    for (const chain of ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ']) {
      assert.match(before, new RegExp(`^Chain ${chain} `, 'm'));
    }
    assert.match(before, /^Chain KUBE-EXT-\w+ /m);
    assert.match(before, /^Chain KUBE-SVC-\w+ /m);
    assert.match(before, /^Chain KUBE-SEP-\w+ /m);
    const nodePortPackets = (text: string): number => {
      const section = text.split('\n\n').find((block) => block.startsWith('Chain KUBE-NODEPORTS')) ?? '';
      const rule = section.split('\n').find((line) => /livefire-nodeport-svc/.test(line) && /KUBE-EXT-/.test(line));
      assert.ok(rule !== undefined, `no NodePort rule in:\n${section}`);
      return Number(rule.trim().split(/\s+/)[0]);
    };
    const start = nodePortPackets(before);
    for (let i = 0; i < 10; i++) await echo(`http://${node1.ip}:31155/`);
    assert.ok(nodePortPackets(listing()) >= start + 10, 'ten new connections, ten more packets counted');
  });

  test('portico rules --node and portico trace --node read the live node, the node name alone naming its cluster', async () => {
    const rules = await portico(['rules', '--node', node1.name]);
    assert.equal(rules.code, 0, rules.stderr);
    assert.match(rules.stdout, /^-A KUBE-NODEPORTS .*--dport 31155 .*-j KUBE-EXT-/m);
    const trace = await portico([
      'trace',
      '--name',
      'e2e',
      '--state-dir',
      stateDir,
      '--node',
      node1.name,
      '--from',
      plan.hostIP,
      '--to',
      `${node1.ip}:31155`,
      '-o',
      'json',
    ]);
    assert.equal(trace.code, 0, trace.stderr);
    const result = JSON.parse(trace.stdout) as { verdict: string; endpoints: string[]; masquerade: boolean };
    const pods = await demoPods();
    assert.deepEqual(result.endpoints.sort(), pods.map((pod) => `${pod.ip}:80`).sort());
    assert.equal(result.masquerade, true);
  });

  test('deleting a pod takes it out of the rules and its replacement comes in', async () => {
    const [victim] = await demoPods();
    assert.ok(victim !== undefined);
    assert.match(liveNat(), new RegExp(`-j DNAT --to-destination ${victim.ip.replaceAll('.', '\\.')}:80`));
    const deleted = await kubectl('delete', 'pod', victim.name, '--wait=false');
    assert.equal(deleted.code, 0, deleted.stderr);
    const replacement = await eventually('a replacement pod Running with an IP', 60_000, async () => {
      const pods = await demoPods();
      return pods.find(
        (pod) =>
          pod.name !== victim.name &&
          pod.phase === 'Running' &&
          !pod.deleting &&
          pod.ip !== '' &&
          liveNat().includes(`--to-destination ${pod.ip}:80`) &&
          !pods.some((p) => p.name === victim.name),
      )
        ? pods
        : undefined;
    });
    assert.equal(replacement.length, 2);
    assert.doesNotMatch(liveNat(), new RegExp(`--to-destination ${victim.ip.replaceAll('.', '\\.')}:80\\b`));
  });

  test('kubectl expose of a second deployment gets a dynamic nodePort that works at once', async () => {
    const created = await kubectl('create', 'deployment', 'second', '--image=portico/echo', '--port=80');
    assert.equal(created.code, 0, created.stderr);
    const rollout = await kubectl('rollout', 'status', 'deployment/second', '--timeout=60s');
    assert.equal(rollout.code, 0, rollout.stderr);
    const exposed = await kubectl('expose', 'deployment', 'second', '--type=NodePort', '--port=80');
    assert.equal(exposed.code, 0, exposed.stderr);
    const port = await kubectl('get', 'svc', 'second', '-o', 'jsonpath={.spec.ports[0].nodePort}');
    const nodePort = Number(port.stdout);
    assert.ok(nodePort >= 30000 && nodePort <= 32767, `nodePort ${port.stdout}`);
    for (const node of plan.nodes) {
      const answer = await eventually(`${node.ip}:${nodePort} to answer`, 10_000, () =>
        echo(`http://${node.ip}:${nodePort}/`),
      );
      assert.match(answer.podName, /^second-/);
    }
  });

  test('portico down leaves no namespace, link, route, process or file of the cluster', async () => {
    const down = await portico(['down', '--name', 'e2e', '--state-dir', stateDir]);
    assert.equal(down.code, 0, down.stderr);
    assert.match(down.stdout, /Cluster "e2e" removed/);
    for (const pid of recordedPids) assert.equal(existsSync(`/proc/${pid}`), false, `process ${pid} still runs`);
    assertNothingLeft(plan.dir);
  });

  test('in the foreground, Ctrl-C removes the cluster even when the reader of its output died with it', async () => {
    const fg = await startForeground(['--name', 'fg', '--nodes', '1', '--no-demo', '--state-dir', stateDir]);
    // `portico up | tee up.log` and Ctrl-C: the terminal signals the whole process group, tee dies, and every
    // later write of `up` fails with EPIPE. A second Ctrl-C (or npm forwarding the first) comes while it cleans up.
    const exited = once(fg.child, 'exit');
    fg.child.stdout.destroy();
    signalGroup(fg.child, 'SIGINT');
    await sleep(500);
    // A one-node cluster without the demo may already be gone.
    if (fg.child.exitCode === null) fg.child.kill('SIGINT');
    const [code] = (await exited) as [number | null];
    assert.equal(code, 0, fg.output());
    assertNothingLeft(join(stateDir, 'fg'));
  });

  test('in the foreground, the terminal closing (SIGHUP) while up is still building removes what it made', async () => {
    const fg = await startForeground(
      ['--name', 'fg', '--nodes', '1', '--no-demo', '--state-dir', stateDir],
      /Node fg-node-1: namespace/,
    );
    const exited = once(fg.child, 'exit');
    signalGroup(fg.child, 'SIGHUP');
    const [code] = (await exited) as [number | null];
    assert.equal(code, 1, fg.output());
    assert.match(fg.output(), /^error: interrupted by SIGHUP before the cluster was ready; what it made was removed$/m);
    assertNothingLeft(join(stateDir, 'fg'));
  });

  test('up first clears what a crashed cluster left; SIGTERM then removes the cluster', async () => {
    const crashed = await startForeground(['--name', 'fg', '--nodes', '1', '--state-dir', stateDir]);
    const fgDir = join(stateDir, 'fg');
    const agentPid = Number(readFileSync(join(fgDir, 'fg-node-1.pid'), 'utf8').trim());
    // A crash: `up` and the node agent die at once; the API server and the pod processes stay behind.
    crashed.child.kill('SIGKILL');
    process.kill(agentPid, 'SIGKILL');
    await once(crashed.child, 'exit');
    const left = sh(['ip', 'netns', 'list']).stdout;
    assert.match(left, /^portico-fg-node-1-[0-9a-f]{12}/m, 'pod namespaces were left behind');
    const again = await startForeground(['--name', 'fg', '--nodes', '1', '--no-demo', '--state-dir', stateDir]);
    assert.match(again.output(), /Removed \d+ things left by an earlier run/);
    assert.doesNotMatch(sh(['ip', 'netns', 'list']).stdout, /^portico-fg-node-1-[0-9a-f]{12}/m);
    const exited = once(again.child, 'exit');
    again.child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    assert.equal(code, 0, again.output());
    assert.match(again.output(), /received SIGTERM: removing cluster "fg"/);
    assertNothingLeft(fgDir);
  });

  test('a cluster process that dies while up waits ends it at once, with its log, leaving nothing', async () => {
    // Something else holds the API server's port: the API server exits at once.
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(6443, '0.0.0.0', resolve));
    try {
      const busy = await portico([
        'up',
        '--name',
        'busy',
        '--nodes',
        '1',
        '--no-demo',
        '--detach',
        '--state-dir',
        stateDir,
      ]);
      assert.equal(busy.code, 1);
      assert.match(busy.stderr, /^error: apiserver exited with code 1 while the cluster was starting$/m);
      assert.match(busy.stdout, /last lines of .*apiserver\.log:[\s\S]*EADDRINUSE/);
      assertNothingLeft(join(stateDir, 'busy'));
    } finally {
      blocker.close();
    }
  });
}

/**
 * `portico up ARGS` in the foreground, in its own process group as a shell job is; resolves once its output
 * matches `until` (by default: the cluster is ready).
 */
async function startForeground(
  args: readonly string[],
  until = /is ready/,
): Promise<{ child: ChildProcessByStdio<null, Readable, Readable>; output: () => string }> {
  const child = spawn(process.execPath, [BIN, 'up', ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await eventually('the foreground cluster to get there', 180_000, () =>
    Promise.resolve(until.test(output) || child.exitCode !== null ? true : undefined),
  );
  await sleep(200);
  assert.equal(child.exitCode, null, `up exited early: ${output}`);
  return { child, output: () => output };
}

/** What a terminal does: `signal` to every process of the child's process group. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  assert.ok(child.pid !== undefined);
  process.kill(-child.pid, signal);
}

/** No namespace, no link but lo, no route, no process naming `dir`, and no `dir`. */
function assertNothingLeft(dir: string): void {
  assert.equal(sh(['ip', 'netns', 'list']).stdout.trim(), '');
  const links = sh(['ip', '-o', 'link', 'show']).stdout.trim().split('\n');
  assert.deepEqual(
    links.map((line) => line.split(':')[1]?.trim()),
    ['lo'],
  );
  assert.equal(sh(['ip', '-4', 'route', 'show']).stdout.trim(), '');
  const mentioning = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir);
      } catch {
        return false;
      }
    });
  assert.deepEqual(mentioning, [], `processes of ${dir}`);
  assert.equal(existsSync(dir), false);
}
