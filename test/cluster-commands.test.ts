/**
 * The local-cluster commands' refusals, which all happen before anything is created: `up` with bad options,
 * `kubeconfig` for a cluster that is not there, `rules`/`trace --node` for a node that is not running. The
 * working paths run in `cluster-up.test.ts`, inside private namespaces.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from './support/cli.ts';

const stateDir = mkdtempSync(join(tmpdir(), 'portico-cluster-commands-'));
after(() => {
  rmSync(stateDir, { recursive: true, force: true });
});
const isRoot = process.getuid?.() === 0;

test(
  'portico up refuses bad options before it creates anything',
  { skip: !isRoot && 'up checks root first' },
  async () => {
    const refusals: [string[], string][] = [
      [['--name', 'Bad_Name'], 'error: cluster name "Bad_Name" must be 1-20 lowercase letters, digits or \'-\''],
      [['--nodes', '0'], 'error: --nodes must be between 1 and 50'],
      [['--nodes', '51'], 'error: --nodes must be between 1 and 50'],
      [['--pod-cidr', '10.96.0.0/16'], 'error: --pod-cidr 10.96.0.0/16 overlaps --service-cidr 10.96.0.0/12'],
      [['--node-network', 'nonsense'], 'error: --node-network must be an IPv4 CIDR, not "nonsense"'],
      [['--proxy-mode', 'ipvs'], 'error: proxy mode "ipvs" is not built yet: only iptables'],
    ];
    for (const [args, message] of refusals) {
      const run = await runCli(['up', '--state-dir', stateDir, ...args]);
      assert.equal(run.code, 1, args.join(' '));
      assert.ok(run.stderr.startsWith(message), `${args.join(' ')}: ${run.stderr}`);
      assert.equal(run.stdout, '');
    }
  },
);

test('portico up and down say they need root', { skip: isRoot && 'running as root' }, async () => {
  for (const command of ['up', 'down']) {
    const run = await runCli([command, '--state-dir', stateDir]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, new RegExp(`^error: portico ${command} must run as root`));
  }
});

test('portico kubeconfig names the cluster it cannot find and how to start it', async () => {
  const run = await runCli(['kubeconfig', '--name', 'absent', '--state-dir', stateDir]);
  assert.equal(run.code, 1);
  assert.equal(
    run.stderr,
    `error: cluster "absent" has no kubeconfig at ${stateDir}/absent/kubeconfig: start it with portico up --name absent\n`,
  );
});

test('rules and trace --node refuse a node that is not running, and mixed sources', async () => {
  const rules = await runCli(['rules', '--name', 'absent', '--state-dir', stateDir, '--node', 'absent-node-1']);
  assert.equal(rules.code, 1);
  assert.equal(
    rules.stderr,
    'error: node "absent-node-1" is not running in cluster "absent": the cluster has no nodes (portico up)\n',
  );
  // Without --name the node's own name says which cluster to look in.
  const anyCluster = await runCli(['trace', '--node', 'absent-node-1', '--from', '1.1.1.1', '--to', '2.2.2.2:80']);
  assert.equal(anyCluster.code, 1);
  assert.match(anyCluster.stderr, /^error: node "absent-node-1" is not running in any local cluster[:;] /);
  const badName = await runCli(['rules', '--name', 'Bad_Name', '--node', 'absent-node-1']);
  assert.match(badName.stderr, /^error: cluster name "Bad_Name" must be/);
  const both = await runCli(['rules', '-f', 'x.yaml', '--node', 'absent-node-1']);
  assert.equal(both.stderr, 'error: --node and -f cannot be used together\n');
  const neither = await runCli(['trace', '--from', '1.1.1.1', '--to', '2.2.2.2:80']);
  assert.equal(neither.stderr, 'error: give --rules FILE (with --node-ip), or --node NAME of a local cluster\n');
});
