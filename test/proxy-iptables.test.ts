/**
 * `portico proxy`'s runtime against the real kernel, inside a private network namespace: the API server runs on
 * 127.0.0.1, the proxy runs in-process on the host, and every iptables command goes through `nsenter` into the
 * namespace (each one checks first that it is not the host's). Skipped, saying why, without root or the tools.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.d.ts';
import { call } from '../src/apiserver/testing.ts';
import { defaultRenderConfig, type RenderConfig } from '../src/proxy/iptables/config.ts';
import { iptablesJumpRules, kubeletJumpRules } from '../src/proxy/iptables/jump-rules.ts';
import { renderIptablesRestore } from '../src/proxy/iptables/render.ts';
import { buildSnapshot } from '../src/proxy/snapshot.ts';
import type { ProxySnapshot } from '../src/proxy/types.ts';
import { spawnCommand } from '../src/exec/command.ts';
import { FakeIptablesRunner } from '../src/proxy/runtime/fake-iptables-runner.ts';
import type { SyncOutcome } from '../src/proxy/runtime/iptables-proxier.ts';
import { createIptablesRunner, type IptablesRunner } from '../src/proxy/runtime/iptables-runner.ts';
import { holdPrivateNetns, type NetnsHolder } from '../src/proxy/runtime/netns-holder.ts';
import { type ProxyRuntime, startProxyRuntime } from '../src/proxy/runtime/runtime.ts';
import { applySysctls } from '../src/proxy/runtime/sysctls.ts';
import { announceSkip, privateNetnsSkipReason } from './support/private-netns.ts';
import { type ClusterApi, startClusterApi } from './support/cluster-api.ts';

const skip = announceSkip(
  privateNetnsSkipReason(['nsenter', 'iptables', 'iptables-restore', 'iptables-save']),
  'proxy iptables integration tests',
);

const config: RenderConfig = {
  ...defaultRenderConfig,
  nodeName: 'node-1',
  nodeIP: '10.0.0.10',
  interfaceAddrs: ['10.0.0.10/24'],
  localDetector: { mode: 'ClusterCIDR', cidr: '10.244.0.0/16' },
  // No nfacct objects exist in a fresh namespace, and the kernel refuses rules naming missing ones.
  nfacctCounters: {},
};

let netns: NetnsHolder;
let cluster: ClusterApi;
let runtime: ProxyRuntime;
/** Restores to refuse before passing the rest to the real kernel. */
let failRestores = 0;

/** The real runner with a fault switch in front of `restore`. */
function faultable(real: IptablesRunner): IptablesRunner {
  return {
    ...real,
    restore: (payload) => {
      if (failRestores > 0) {
        failRestores--;
        return Promise.reject(new Error('injected iptables-restore failure'));
      }
      return real.restore(payload);
    },
  };
}

async function startRuntime(): Promise<ProxyRuntime> {
  return startProxyRuntime({
    kubeConfig: cluster.kubeConfig,
    nodeName: 'node-1',
    ipFamily: 'IPv4',
    renderConfig: () => config,
    iptables: faultable(createIptablesRunner(netns.run, 'IPv4')),
    minSyncPeriodMs: 20,
    syncPeriodMs: 200,
    healthzAddress: '127.0.0.1:0',
    metricsAddress: '127.0.0.1:0',
    healthCheckAddresses: ['127.0.0.1'],
  });
}

/** Waits, sync by sync, until the applied snapshot satisfies `done`; returns the outcomes seen. */
async function syncedWhen(done: (applied: ProxySnapshot) => boolean): Promise<SyncOutcome[]> {
  const proxier = await runtime.ready;
  const seen: SyncOutcome[] = [];
  while (proxier.applied === undefined || !done(proxier.applied)) seen.push(await runtime.nextSync());
  return seen;
}

function endpointCount(applied: ProxySnapshot, service: string): number {
  return [...(applied.endpoints.get(service)?.values() ?? [])].reduce((sum, list) => sum + list.length, 0);
}

/** `iptables-save` inside the namespace, without the dated comment lines. */
async function kernelRules(): Promise<string> {
  const result = await netns.run(['iptables-save']);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n');
}

/** What one full sync of the API's current objects leaves on an empty node, as `iptables-save` prints it. */
async function predictedRules(): Promise<string> {
  const services = (await call(cluster.server, 'GET', '/api/v1/services')).body['items'] as Service[];
  const slices = (await call(cluster.server, 'GET', '/apis/discovery.k8s.io/v1/endpointslices')).body[
    'items'
  ] as EndpointSlice[];
  const snapshot = buildSnapshot(services, slices, { name: 'node-1', ipFamily: 'IPv4' });
  const kernel = new FakeIptablesRunner('IPv4');
  for (const rule of [...iptablesJumpRules, ...kubeletJumpRules]) await kernel.ensureJumpRule(rule);
  await kernel.restore(renderIptablesRestore(snapshot, config, { kind: 'full', existingNatChains: null }).payload);
  return kernel.dump();
}

function slice(ips: string[]): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'web-1', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
    addressType: 'IPv4',
    endpoints: ips.map((ip, i) => ({ addresses: [ip], conditions: { ready: true }, nodeName: `node-${i + 1}` })),
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  };
}

describe('portico proxy against a private network namespace', { skip }, () => {
  before(async () => {
    netns = await holdPrivateNetns(spawnCommand);
    cluster = await startClusterApi();
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } };
    await cluster.expectStatus('POST', '/api/v1/nodes', node, 201);
    runtime = await startRuntime();
  });

  after(async () => {
    await runtime.stop();
    await cluster.close();
    netns.kill();
  });

  test('a NodePort Service and its EndpointSlice become the predicted rules', async () => {
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30080 }] },
    };
    await cluster.expectStatus('POST', '/api/v1/namespaces/default/services', service, 201);
    await cluster.expectStatus(
      'POST',
      '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices',
      slice(['10.244.1.2', '10.244.2.2']),
      201,
    );
    await syncedWhen((applied) => endpointCount(applied, 'default/web') === 2);
    const rules = await kernelRules();
    assert.match(
      rules,
      /-A KUBE-NODEPORTS -p tcp -m comment --comment "default\/web:http" -m tcp --dport 30080 -j KUBE-EXT-/,
    );
    assert.equal(rules, await predictedRules());
  });

  test('scaling the slice rewrites the rules with a partial sync', async () => {
    const path = '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/web-1';
    await cluster.expectStatus('PUT', path, slice(['10.244.1.2', '10.244.2.2', '10.244.3.2']), 200);
    const seen = await syncedWhen((applied) => endpointCount(applied, 'default/web') === 3);
    assert.ok(seen.some((outcome) => outcome.kind === 'partial' && outcome.ok));
    const rules = await kernelRules();
    assert.equal(rules.match(/-j DNAT/g)?.length, 3 + 1, 'three web endpoints and the kubernetes Service endpoint');
    assert.equal(rules, await predictedRules());
  });

  test('/healthz, /livez and /metrics answer', async () => {
    const healthz = await fetch(`http://127.0.0.1:${runtime.healthzPort ?? 0}/healthz`);
    assert.equal(healthz.status, 200);
    assert.equal(healthz.headers.get('x-content-type-options'), 'nosniff');
    assert.match(
      await healthz.text(),
      /^\{"lastUpdated":"[^"]+","currentTime":"[^"]+","nodeEligible":true,"healthy":true,"status":\{"IPv4":\{/,
    );
    assert.equal((await fetch(`http://127.0.0.1:${runtime.healthzPort ?? 0}/livez`)).status, 200);
    const metrics = await (await fetch(`http://127.0.0.1:${runtime.metricsPort ?? 0}/metrics`)).text();
    assert.match(metrics, /^kubeproxy_sync_proxy_rules_iptables_total\{ip_family="IPv4",table="nat"\} [1-9]\d*$/m);
    assert.match(metrics, /^kubeproxy_sync_partial_proxy_rules_duration_seconds_count\{ip_family="IPv4"\} [1-9]/m);
  });

  test('a failed restore is counted and retried as a full sync', async () => {
    failRestores = 1;
    const path = '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/web-1';
    await cluster.expectStatus('PUT', path, slice(['10.244.1.2', '10.244.2.2']), 200);
    const seen = await syncedWhen((applied) => endpointCount(applied, 'default/web') === 2);
    const kinds = seen.map((outcome) =>
      outcome.kind === 'skipped' ? 'skipped' : `${outcome.kind}:${String(outcome.ok)}`,
    );
    assert.deepEqual(kinds.slice(-2), ['partial:false', 'full:true']);
    const failures = await runtime.metrics.valueOf(runtime.metrics.partialRestoreFailures, { ip_family: 'IPv4' });
    assert.equal(failures, 1);
    assert.equal(await kernelRules(), await predictedRules());
  });

  test('restarting the proxy leaves the rules unchanged', async () => {
    const before = await kernelRules();
    await runtime.stop();
    runtime = await startRuntime();
    await syncedWhen(() => true);
    const metrics = (await runtime.metrics.render()).body;
    assert.match(metrics, /^kubeproxy_sync_full_proxy_rules_duration_seconds_count\{ip_family="IPv4"\} 1$/m);
    assert.equal(await kernelRules(), before);
  });

  test('deleting the Service removes its chains', async () => {
    await cluster.expectStatus(
      'DELETE',
      '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/web-1',
      undefined,
      200,
    );
    await cluster.expectStatus('DELETE', '/api/v1/namespaces/default/services/web', undefined, 200);
    await syncedWhen((applied) => !applied.services.some((svc) => svc.namespacedName === 'default/web'));
    const rules = await kernelRules();
    assert.doesNotMatch(rules, /default\/web/);
    assert.equal(rules, await predictedRules());
  });

  test('portico proxy --cleanup, run inside the namespace, removes every KUBE chain and jump', async () => {
    await runtime.stop();
    assert.match(await kernelRules(), /KUBE-SERVICES/);
    const cli = await netns.run([process.execPath, 'bin/portico.mjs', 'proxy', '--cleanup']);
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(cli.stderr, /^removed 14 jump rules and \d+ chains$/m);
    assert.doesNotMatch(await kernelRules(), /KUBE-/);
  });

  test('route_localnet is set inside the namespace only', async () => {
    const lines: string[] = [];
    const log = {
      info: (m: string) => lines.push(m),
      warn: (m: string) => lines.push(m),
      error: (m: string) => lines.push(m),
    };
    await applySysctls(netns.run, { routeLocalnet: true, conntrackMax: null }, log);
    const value = await netns.run(['sysctl', '-n', 'net.ipv4.conf.all.route_localnet']);
    assert.equal(value.stdout.trim(), '1');
    assert.deepEqual(lines, ['set sysctl net.ipv4.conf.all.route_localnet=1']);
  });
});
