// The real kubectl against the API server over HTTPS: get (Tables), create -f, apply (client- and
// server-side), get -o yaml, patch, delete, scale, protobuf creates and get -w, comparing what it prints.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import {
  type KubectlRun,
  kubectlMissing,
  runKubectl,
  versionedKubectls,
  startKubectlCluster,
} from './support/kubectl.ts';
import type { ApiServer } from '../src/apiserver/server.ts';

if (kubectlMissing !== undefined) console.log(`# skipping the kubectl tests: ${kubectlMissing}`);

const dir = mkdtempSync(join(tmpdir(), 'portico-kubectl-'));
let cluster: { server: ApiServer; close: () => Promise<void> };

before(async () => {
  if (kubectlMissing !== undefined) return;
  cluster = await startKubectlCluster(dir);
});
after(async () => {
  if (kubectlMissing === undefined) {
    await cluster.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

function kubectlArgs(args: readonly string[]): string[] {
  return ['--kubeconfig', join(dir, 'kubeconfig'), '--cache-dir', join(dir, 'cache'), ...args];
}

const kubectlEnv = { ...process.env, TMPDIR: dir, HOME: dir, KUBECONFIG: '' };

/** Runs kubectl and resolves with its exit code, stdout and stderr. */
function kubectl(...args: string[]): Promise<KubectlRun> {
  return runKubectl('kubectl', dir, args);
}

function manifest(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function serviceYaml(name: string, targetPort: number): string {
  return `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    app: ${name}\n  ports:\n  - port: 80\n    targetPort: ${targetPort}\n`;
}

const header = /^NAME {9}TYPE {8}CLUSTER-IP {3}EXTERNAL-IP {3}PORT\(S\) {3}AGE$/;

describe('kubectl', { skip: kubectlMissing }, () => {
  test('kubectl 1.29 to 1.33 all print the kubernetes Service', async () => {
    for (const binary of versionedKubectls()) {
      const { stdout } = await runKubectl(binary, dir, ['get', 'svc', 'kubernetes']);
      assert.match(stdout, /\nkubernetes {3}ClusterIP {3}10\.96\.0\.1 {4}<none> {8}443\/TCP {3}\d+s\n$/, binary);
    }
  });

  test('get svc prints the kubernetes Service from the server-side Table', async () => {
    const { code, stdout } = await kubectl('get', 'svc');
    assert.equal(code, 0);
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0] ?? '', header);
    assert.match(lines[1] ?? '', /^kubernetes {3}ClusterIP {3}10\.96\.0\.1 {4}<none> {8}443\/TCP {3}\d+s$/);
  });

  test('create -f, then again (AlreadyExists), get -o yaml, patch, delete', async () => {
    const path = manifest('web.yaml', serviceYaml('web', 8080));
    assert.deepEqual(await kubectl('create', '-f', path), { code: 0, stdout: 'service/web created\n', stderr: '' });
    const again = await kubectl('create', '-f', path);
    assert.equal(again.code, 1);
    assert.equal(
      again.stderr,
      `Error from server (AlreadyExists): error when creating "${path}": services "web" already exists\n`,
    );
    const yaml = await kubectl('get', 'svc', 'web', '-o', 'yaml');
    const object = parseYaml(yaml.stdout) as {
      kind: string;
      metadata: { name: string };
      spec: Record<string, unknown>;
    };
    assert.equal(object.kind, 'Service');
    assert.equal(object.metadata.name, 'web');
    assert.equal(object.spec['type'], 'ClusterIP');
    assert.deepEqual(object.spec['ports'], [{ port: 80, protocol: 'TCP', targetPort: 8080 }]);
    const patched = await kubectl('patch', 'svc', 'web', '-p', '{"metadata":{"labels":{"tier":"front"}}}');
    assert.equal(patched.stdout, 'service/web patched\n');
    const labels = await kubectl('get', 'svc', 'web', '-o', 'jsonpath={.metadata.labels.tier}');
    assert.equal(labels.stdout, 'front');
    assert.equal((await kubectl('delete', 'svc', 'web')).stdout, 'service "web" deleted\n');
    const gone = await kubectl('delete', 'svc', 'web');
    assert.equal(gone.stderr, 'Error from server (NotFound): services "web" not found\n');
  });

  test('client-side apply: created, configured, unchanged', async () => {
    const path = manifest('applied.yaml', serviceYaml('applied', 8080));
    assert.equal((await kubectl('apply', '-f', path)).stdout, 'service/applied created\n');
    manifest('applied.yaml', serviceYaml('applied', 9090));
    assert.equal((await kubectl('apply', '-f', path)).stdout, 'service/applied configured\n');
    assert.equal((await kubectl('apply', '-f', path)).stdout, 'service/applied unchanged\n');
    const port = await kubectl('get', 'svc', 'applied', '-o', 'jsonpath={.spec.ports[0].targetPort}');
    assert.equal(port.stdout, '9090');
  });

  test('server-side apply creates, then updates', async () => {
    const path = manifest('ssa.yaml', serviceYaml('ssa', 8080));
    assert.equal((await kubectl('apply', '--server-side', '-f', path)).stdout, 'service/ssa serverside-applied\n');
    manifest('ssa.yaml', serviceYaml('ssa', 7070));
    assert.equal((await kubectl('apply', '--server-side', '-f', path)).stdout, 'service/ssa serverside-applied\n');
    const port = await kubectl('get', 'svc', 'ssa', '-o', 'jsonpath={.spec.ports[0].targetPort}');
    assert.equal(port.stdout, '7070');
  });

  test('create deployment (a protobuf body from kubectl 1.33), scale, get deploy', async () => {
    const created = await kubectl('create', 'deployment', 'hello', '--image=nginx:1.25', '--replicas=2', '--port=8080');
    assert.deepEqual(created, { code: 0, stdout: 'deployment.apps/hello created\n', stderr: '' });
    assert.equal(
      (await kubectl('scale', 'deployment', 'hello', '--replicas=3')).stdout,
      'deployment.apps/hello scaled\n',
    );
    const replicas = await kubectl('get', 'deploy', 'hello', '-o', 'jsonpath={.spec.replicas}');
    assert.equal(replicas.stdout, '3');
    const table = await kubectl('get', 'deploy');
    assert.match(
      table.stdout,
      /^NAME {4}READY {3}UP-TO-DATE {3}AVAILABLE {3}AGE\nhello {3}0\/3 {5}0 {12}0 {11}\d+s\n$/,
    );
  });

  test('get svc -w prints the list, then a row for a Service created while watching', async () => {
    const child: ChildProcess = spawn('kubectl', kubectlArgs(['get', 'svc', '-w']), { env: kubectlEnv });
    let stdout = '';
    const waiters = new Set<() => void>();
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      for (const wake of waiters) wake();
    });
    child.once('exit', () => {
      for (const wake of waiters) wake();
    });
    /** Resolves once stdout matches `pattern` (false if kubectl exits first or never prints it). */
    const seen = (pattern: RegExp): Promise<boolean> =>
      new Promise((resolve) => {
        const done = (matched: boolean): void => {
          waiters.delete(check);
          clearTimeout(guard);
          resolve(matched);
        };
        const check = (): void => {
          if (pattern.test(stdout)) done(true);
          else if (child.exitCode !== null) done(false);
        };
        // A guard against hanging the suite, not a timing assertion: kubectl prints within milliseconds.
        const guard = setTimeout(() => {
          done(pattern.test(stdout));
        }, 10_000);
        waiters.add(check);
        check();
      });
    try {
      assert.equal(await seen(/^kubernetes .*\n/m), true);
      const path = manifest('watched.yaml', serviceYaml('watched', 8080));
      assert.equal((await kubectl('create', '-f', path)).code, 0);
      assert.equal(await seen(/^watched .*\n/m), true);
    } finally {
      child.kill();
    }
    // Services made by earlier tests widen the list's columns: match the cells, not the padding.
    const lines = stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE$/);
    const kubernetes = lines.find((line) => line.startsWith('kubernetes '));
    assert.match(kubernetes ?? '', /^kubernetes +ClusterIP +10\.96\.0\.1 +<none> +443\/TCP +\d+s$/);
    const row = lines.find((line) => line.startsWith('watched'));
    // kubectl sizes each watch row on its own, so the row's columns need not line up with the list's.
    assert.match(row ?? '', /^watched +ClusterIP +10\.\d+\.\d+\.\d+ +<none> +80\/TCP +\d+s$/);
  });
});
