/**
 * Pod networking on a real kernel: a node namespace with a bridge, two pod namespaces on it, `portico/echo` in
 * one, a request from the other that must show the caller's pod IP, then a teardown that leaves nothing.
 *
 * The whole scenario runs in a child process under `unshare --net --mount`, with a tmpfs over /run, so every
 * namespace `ip netns add` makes lives in that private mount and network namespace and nothing reaches the
 * host's. Skipped, saying why, without root, `unshare`, `ip` or `curl`.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { builtInImageCommand } from '../src/agent/images/index.ts';
import {
  listNamespaces,
  setupNodeBridge,
  setupPodNetwork,
  spawnCommand,
  teardownNodeBridge,
  teardownPodNetwork,
} from '../src/agent/netns/index.ts';
import {
  announceSkip,
  assertPrivateNamespaces,
  isPrivateNetnsChild,
  privateNamespacesSkipReason,
  runTestFileInPrivateNamespaces,
} from './support/private-netns.ts';

const run = spawnCommand;

const NODE = 'portico-t-node';
const BRIDGE = 'portico-br0';
const GATEWAY = '10.244.1.1';
const PODS = [
  { namespace: 'portico-t-pod-a', ip: '10.244.1.2', name: 'pod-a' },
  { namespace: 'portico-t-pod-b', ip: '10.244.1.3', name: 'pod-b' },
] as const;

if (isPrivateNetnsChild()) {
  test(
    'a pod reaches another pod across the node bridge, its IP preserved, and teardown leaves nothing',
    innerScenario,
  );
} else {
  const skip = announceSkip(privateNamespacesSkipReason(['curl']), 'agent netns integration test');
  test('pod networking in a private network namespace', { skip }, async () => {
    const { code, output } = await runTestFileInPrivateNamespaces(fileURLToPath(import.meta.url), 120_000);
    assert.equal(code, 0, output);
    assert.match(output, /^# pass 1$/m, output);
  });
}

async function innerScenario(): Promise<void> {
  assertPrivateNamespaces();
  let echo: ChildProcess | undefined;
  try {
    await setupNodeBridge(run, { nodeNamespace: NODE, bridge: BRIDGE, gateway: { address: GATEWAY, prefix: 24 } });
    for (const pod of PODS) {
      await setupPodNetwork(run, {
        nodeNamespace: NODE,
        podNamespace: pod.namespace,
        bridge: BRIDGE,
        podIP: pod.ip,
        prefix: 24,
        gateway: GATEWAY,
      });
    }
    const [server, client] = PODS;
    echo = await startEchoIn(server.namespace, { POD_NAME: server.name, POD_IP: server.ip, NODE_NAME: NODE });
    const curl = spawnSync(
      'ip',
      [
        'netns',
        'exec',
        client.namespace,
        'curl',
        '-sS',
        '--max-time',
        '5',
        '-H',
        'Accept: application/json',
        `http://${server.ip}/`,
      ],
      { encoding: 'utf8' },
    );
    assert.equal(curl.status, 0, curl.stderr);
    const reply = JSON.parse(curl.stdout) as Record<string, unknown>;
    assert.equal(reply['podName'], server.name);
    assert.equal(reply['podIP'], server.ip);
    assert.equal(reply['nodeName'], NODE);
    assert.equal(reply['clientIP'], client.ip, 'the echo must see the calling pod IP');

    await stop(echo);
    for (const pod of PODS) {
      assert.deepEqual(await teardownPodNetwork(run, { nodeNamespace: NODE, podNamespace: pod.namespace }), {
        hostVethRemoved: true,
        namespaceRemoved: true,
      });
    }
    assert.equal(await teardownNodeBridge(run, NODE), true);
    assert.deepEqual(await listNamespaces(run), []);
  } finally {
    if (echo !== undefined) await stop(echo);
    for (const pod of PODS)
      await teardownPodNetwork(run, { nodeNamespace: NODE, podNamespace: pod.namespace }).catch(() => undefined);
    await teardownNodeBridge(run, NODE).catch(() => false);
  }
}

/** Starts `portico/echo` on port 80 inside `namespace` and resolves once it listens. */
async function startEchoIn(namespace: string, env: Record<string, string>): Promise<ChildProcess> {
  const command = builtInImageCommand('portico/echo', []);
  assert.ok(command.ok);
  const child = spawn('ip', ['netns', 'exec', namespace, ...command.argv], {
    env: { ...process.env, ...env, PORT: '80' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening on port 80')) resolve();
    });
    child.once('exit', (code) => {
      reject(new Error(`echo exited (${code ?? 'signal'}) before listening: ${output}`));
    });
  });
  return child;
}

/** Stops a child by its PID (SIGTERM, then SIGKILL if it ignores that) and waits for it to exit. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}
