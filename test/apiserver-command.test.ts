/**
 * `portico apiserver` as a user runs it: a process with a data directory, the real kubectl pointed at the kubeconfig
 * it writes, kubectl's exact lines for the Service errors users meet, and state that survives a restart (SQLite).
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { type KubectlRun, kubectlMissing, runKubectl } from './support/kubectl.ts';

const dir = mkdtempSync(join(tmpdir(), 'portico-apiserver-'));
const dataDir = join(dir, 'data');
const bin = new URL('../bin/portico.mjs', import.meta.url).pathname;

if (kubectlMissing !== undefined) console.log(`# skipping portico apiserver tests: ${kubectlMissing}`);

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `portico apiserver` and resolves once it prints where it listens. */
function startServer(data = dataDir, ...flags: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, [bin, 'apiserver', '--data-dir', data, '--secure-port', '0', ...flags], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('kubeconfig: ')) resolve(child);
    });
    child.on('exit', (code) => {
      reject(new Error(`portico apiserver exited with ${String(code)}: ${output}`));
    });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.on('exit', () => {
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function kubectl(...args: string[]): Promise<KubectlRun> {
  return runKubectl('kubectl', dataDir, args);
}

function nodePortManifest(name: string, nodePort: number): string {
  const path = join(dir, `${name}.yaml`);
  const ports = `[{port: 80, targetPort: 80, nodePort: ${nodePort}}]`;
  writeFileSync(
    path,
    `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec:\n  type: NodePort\n  selector: {app: livefire}\n  ports: ${ports}\n`,
  );
  return path;
}

test(
  'kubectl meets the real error lines, and the state survives a restart',
  { skip: kubectlMissing ?? false },
  async () => {
    let server = await startServer();
    try {
      assert.equal(
        (await kubectl('apply', '-f', nodePortManifest('livefire-nodeport-svc', 31155))).stdout,
        'service/livefire-nodeport-svc created\n',
      );
      const collision = await kubectl('apply', '-f', nodePortManifest('web-svc-dup', 31155));
      assert.equal(
        collision.stderr,
        'The Service "web-svc-dup" is invalid: spec.ports[0].nodePort: Invalid value: 31155: provided port is already allocated\n',
      );
      const range = await kubectl('apply', '-f', nodePortManifest('web-svc-range', 80));
      assert.equal(
        range.stderr,
        'The Service "web-svc-range" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767\n',
      );
      const changed = await kubectl(
        'patch',
        'svc',
        'livefire-nodeport-svc',
        '-p',
        '{"spec":{"clusterIP":"10.96.0.99"}}',
      );
      assert.equal(
        changed.stderr,
        'The Service "livefire-nodeport-svc" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.99"}: may not change once set\n',
      );
      await stopServer(server);
      server = await startServer();
      const listed = await kubectl('get', 'svc', 'livefire-nodeport-svc', '-o', 'jsonpath={.spec.ports[0].nodePort}');
      assert.equal(listed.stdout, '31155');
      // The restarted server rebuilt its allocators from the store: the port is still taken.
      const again = await kubectl('apply', '-f', nodePortManifest('web-svc-dup', 31155));
      assert.match(again.stderr, /provided port is already allocated/);
    } finally {
      await stopServer(server);
    }
  },
);

/** Waits until `kubectl get pods` under the deployment's label prints `count` names. */
async function podNames(count: number): Promise<string[]> {
  let names: string[] = [];
  // A bound on polls (not a time limit), so a broken controller fails the test instead of hanging it.
  for (let poll = 0; poll < 200; poll++) {
    const pods = await kubectl('get', 'pods', '-l', 'app=restart-me', '-o', 'jsonpath={.items[*].metadata.name}');
    names = pods.stdout.split(' ').filter((name) => name !== '');
    if (names.length === count) return names.sort();
  }
  throw new Error(`expected ${count} pods, saw ${names.join(', ')}`);
}

test(
  'the controllers resume after the server restarts, without duplicating objects',
  { skip: kubectlMissing ?? false },
  async () => {
    let server = await startServer();
    try {
      const nodes = join(dir, 'nodes.yaml');
      writeFileSync(
        nodes,
        ['node-a', 'node-b']
          .map(
            (name) =>
              `apiVersion: v1\nkind: Node\nmetadata: {name: ${name}}\nstatus: {conditions: [{type: Ready, status: "True"}]}\n`,
          )
          .join('---\n'),
      );
      assert.equal((await kubectl('create', '-f', nodes)).code, 0);
      assert.equal(
        (await kubectl('create', 'deployment', 'restart-me', '--image=portico/echo', '--replicas=2', '--port=80')).code,
        0,
      );
      const before = await podNames(2);
      await stopServer(server);
      server = await startServer();
      const replicaSets = await kubectl(
        'get',
        'rs',
        '-l',
        'app=restart-me',
        '-o',
        'jsonpath={.items[*].metadata.name}',
      );
      assert.equal(replicaSets.stdout.split(' ').length, 1);
      assert.deepEqual(await podNames(2), before);
      const bound = await kubectl('get', 'pods', '-l', 'app=restart-me', '-o', 'jsonpath={.items[*].spec.nodeName}');
      assert.deepEqual(bound.stdout.split(' ').sort(), ['node-a', 'node-b']);
    } finally {
      await stopServer(server);
    }
  },
);

test('the data folder and every secret in it are owner-only, also when they existed readable by others', async () => {
  const data = join(dir, 'loose');
  mkdirSync(data, { mode: 0o755 });
  chmodSync(data, 0o755);
  for (const file of ['state.db', 'kubeconfig']) writeFileSync(join(data, file), '', { mode: 0o644 });
  const server = await startServer(data, '--node-kubeconfigs', 'node-a,node-b', '--controllers=false');
  try {
    const modeOf = (file: string): number => statSync(join(data, file)).mode & 0o777;
    assert.equal(modeOf('.'), 0o700);
    assert.equal(modeOf('nodes'), 0o700);
    const secrets = ['state.db', 'kubeconfig', 'admin-token', 'ca.key', 'apiserver.key', 'nodes/node-a.kubeconfig'];
    for (const file of secrets) assert.equal(modeOf(file), 0o600, file);
    // SQLite gives its write-ahead log the database's mode.
    if (existsSync(join(data, 'state.db-wal'))) assert.equal(modeOf('state.db-wal'), 0o600);
    assert.match(readFileSync(join(data, 'nodes/node-b.kubeconfig'), 'utf8'), /token: node:node-b:[0-9a-f]{64}\n/);
  } finally {
    await stopServer(server);
  }
});
