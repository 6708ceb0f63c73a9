/**
 * The NodePort tutorial's commands with every kubectl the machine ships (1.29–1.33): older ones send JSON, 1.32+
 * send protobuf for `create deployment`; all must print what they print against a real cluster.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ApiServer } from '../src/apiserver/server.ts';
import { type KubectlRun, runKubectl, versionedKubectls, startKubectlCluster } from './support/kubectl.ts';

const binaries = versionedKubectls();
const skip = binaries.length === 0 ? 'no versioned kubectl binaries (kubectl.1.NN) on this machine' : false;
if (skip !== false) console.log(`# skipping the kubectl version tests: ${skip}`);

const dir = mkdtempSync(join(tmpdir(), 'portico-kubectl-versions-'));
let cluster: { server: ApiServer; close: () => Promise<void> };

before(async () => {
  if (skip !== false) return;
  cluster = await startKubectlCluster(dir);
  // The editor `kubectl edit` runs: change the targetPort in the file it is given.
  writeFileSync(join(dir, 'editor.sh'), '#!/bin/sh\nsed -i \'s/targetPort: 80$/targetPort: 8080/\' "$1"\n', {
    mode: 0o755,
  });
});

after(async () => {
  if (skip === false) {
    await cluster.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

function run(binary: string, ...args: string[]): Promise<KubectlRun> {
  return runKubectl(binary, dir, args, { KUBE_EDITOR: join(dir, 'editor.sh') });
}

test('the tutorial with kubectl 1.29 to 1.33', { skip }, async () => {
  for (const binary of binaries) {
    const minor = binary.slice(-2);
    const app = `hello-${minor}`;
    const svc = `svc-${minor}`;
    const k = (...args: string[]) => run(binary, ...args);
    assert.equal(
      (await k('create', 'deployment', app, '--image=portico/echo', '--replicas=2', '--port=80')).stdout,
      `deployment.apps/${app} created\n`,
      binary,
    );
    assert.equal(
      (await k('expose', 'deployment', app, '--type=NodePort', `--name=${svc}`)).stdout,
      `service/${svc} exposed\n`,
      binary,
    );
    const wide = (await k('get', 'svc', svc, '-o', 'wide')).stdout.split('\n');
    assert.match(wide[0] ?? '', /^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE +SELECTOR$/, binary);
    assert.match(
      wide[1] ?? '',
      new RegExp(`^${svc} +NodePort +10\\.\\d+\\.\\d+\\.\\d+ +<none> +80:3\\d{4}/TCP +\\d+s +app=${app}$`),
      binary,
    );
    const described = (await k('describe', 'svc', svc)).stdout;
    assert.match(described, /^Type: +NodePort$/m, binary);
    assert.match(described, /^NodePort: +<unset> +3\d{4}\/TCP$/m, binary);
    assert.equal((await k('edit', 'svc', svc)).stdout, `service/${svc} edited\n`, binary);
    assert.equal((await k('get', 'svc', svc, '-o', 'jsonpath={.spec.ports[0].targetPort}')).stdout, '8080', binary);
    assert.equal(
      (await k('scale', 'deployment', app, '--replicas=3')).stdout,
      `deployment.apps/${app} scaled\n`,
      binary,
    );
    const pods = await k('get', 'pods', '-o', 'wide');
    assert.equal(pods.stderr, 'No resources found in default namespace.\n', binary);
    assert.equal(
      (await k('get', 'endpointslices', '-l', `kubernetes.io/service-name=${svc}`)).stderr,
      'No resources found in default namespace.\n',
      binary,
    );
    assert.equal((await k('delete', 'svc', svc)).stdout, `service "${svc}" deleted\n`, binary);
  }
});
