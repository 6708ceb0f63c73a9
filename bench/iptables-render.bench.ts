/**
 * Render time of the iptables payload for 1k and 10k NodePort Services (10 endpoints each) against the time the
 * kernel takes to apply the same payload with `iptables-restore` in a private network namespace, in the same run.
 * Target: rendering under a quarter of the apply time at 10k Services.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderRulesForNode } from '../src/cli/render-rules.ts';
import { defaultRenderConfig, type RenderConfig } from '../src/proxy/iptables/config.ts';
import { privateNetnsSkipReason, runInPrivateNetns } from '../test/support/private-netns.ts';
import { syntheticCluster } from './synthetic-cluster.ts';
import { formatMillis, median, medianMillis } from './timing.ts';

const config: RenderConfig = {
  ...defaultRenderConfig,
  nodeName: 'node-1',
  nodeIP: '192.168.77.11',
  localDetector: { mode: 'ClusterCIDR', cidr: '10.244.0.0/16' },
  // No nfacct counters: the namespace has none, and a rule naming a missing counter is refused.
  nfacctCounters: {},
  interfaceAddrs: ['127.0.0.1/8', '192.168.77.11/24'],
};

/** Applies `payload` in fresh private namespaces `runs` times; returns the median milliseconds, or a skip reason. */
export function measureApply(payload: string, runs: number): number | string {
  const skip = privateNetnsSkipReason(['iptables-restore']);
  if (skip !== undefined) return skip;
  const dir = mkdtempSync(join(tmpdir(), 'portico-bench-'));
  try {
    const file = join(dir, 'payload.txt');
    writeFileSync(file, payload);
    const script = `s=$(date +%s%N); iptables-restore -w 5 --noflush < '${file}' || exit 1; e=$(date +%s%N); echo $((e - s))`;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const result = runInPrivateNetns(script);
      if (result.status !== 0) return `iptables-restore failed: ${result.stderr.trim()}`;
      times.push(Number(result.stdout.trim()) / 1e6);
    }
    return median(times);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the benchmark for each size and prints one block per size. */
export function benchIptablesRender(sizes: readonly number[] = [1000, 10000]): void {
  console.log('iptables render vs iptables-restore (NodePort Services, 10 endpoints each)');
  for (const services of sizes) {
    const cluster = syntheticCluster(services, 10);
    const inputs = { ...cluster, nodes: [] };
    const result = renderRulesForNode(inputs, config);
    const runs = services >= 10000 ? 5 : 9;
    const renderMs = medianMillis(runs, () => renderRulesForNode(inputs, config));
    // One restore of 10k Services takes minutes; a single run keeps `npm run bench` bearable.
    const applyRuns = services >= 10000 ? 1 : 3;
    const applyMs = measureApply(result.payload, applyRuns);
    const { stats } = result;
    const rules = stats.filterRules + stats.natRules;
    console.log(`\n  ${services} services:`);
    console.log(
      `    payload: ${(result.payload.length / 2 ** 20).toFixed(2)} MiB, ${rules} rules, ${stats.filterChains + stats.natChains} chains`,
    );
    console.log(`    snapshot + render (median of ${runs}): ${formatMillis(renderMs)}`);
    if (typeof applyMs === 'string') {
      console.log(`    iptables-restore: skipped (${applyMs}); no ratio`);
      continue;
    }
    console.log(
      `    iptables-restore --noflush (median of ${applyRuns}, fresh namespace each): ${formatMillis(applyMs)}`,
    );
    console.log(`    ratio render ÷ apply: ${(renderMs / applyMs).toFixed(3)} (target < 0.25 at 10k)`);
  }
}
