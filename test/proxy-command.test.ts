/** `portico proxy` flag handling that needs no cluster and touches no kernel. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGoDuration } from '../src/cli/proxy-command.ts';
import { runCli, writeText } from './support/cli.ts';

test('Go durations parse to milliseconds; anything else is refused', () => {
  assert.equal(parseGoDuration('30s'), 30_000);
  assert.equal(parseGoDuration('1m30s'), 90_000);
  assert.equal(parseGoDuration('250ms'), 250);
  assert.equal(parseGoDuration('1h'), 3_600_000);
  assert.throws(() => parseGoDuration('30'), /time: invalid duration "30"/);
  assert.throws(() => parseGoDuration('1x'), /invalid duration/);
});

test('only the iptables proxy mode is accepted', async () => {
  const run = await runCli(['proxy', '--proxy-mode', 'ipvs']);
  assert.equal(run.code, 1);
  assert.equal(run.stderr, 'error: proxy mode "ipvs" is not supported here: only iptables renders\n');
});

test('a config file asking for another mode is refused before anything starts', async () => {
  const file = writeText(
    'config.yaml',
    'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: nftables\n',
  );
  try {
    const run = await runCli(['proxy', '--config', file.path, '--kubeconfig', '/nonexistent']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^error: proxy mode "nftables" is not supported here: only iptables renders\n$/);
  } finally {
    file.cleanup();
  }
});

test('a missing kubeconfig is an error, not a crash', async () => {
  const run = await runCli(['proxy', '--kubeconfig', '/nonexistent/kubeconfig', '--hostname-override', 'node-1']);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /^error: cannot load kubeconfig "\/nonexistent\/kubeconfig": /);
});

test('a bad sync period is a flag error', async () => {
  const run = await runCli(['proxy', '--iptables-sync-period', 'soon']);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /time: invalid duration "soon"/);
});
