/**
 * Network programming latency: from the API write of one new Service + EndpointSlice to the proxy's sync-completed
 * hook reporting them applied in the kernel of a private network namespace, with 1k and 10k Services already
 * present, against a bare `iptables-restore` of the same full payload in the same run. Prints; never asserts.
 */
import { KubeConfig } from '@kubernetes/client-node';
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.d.ts';
import { DEFAULT_NODE_PORT_RANGE } from '../src/allocator/port-range.ts';
import { clusterStrategies } from '../src/apiserver/registry/strategies.ts';
import type { ApiServer } from '../src/apiserver/server.ts';
import { call, startTestServer, testToken } from '../src/apiserver/testing.ts';
import { defaultRenderConfig, type RenderConfig } from '../src/proxy/iptables/config.ts';
import { renderIptablesRestore } from '../src/proxy/iptables/render.ts';
import { spawnCommand } from '../src/exec/command.ts';
import { createIptablesRunner } from '../src/proxy/runtime/iptables-runner.ts';
import { holdPrivateNetns, type NetnsHolder } from '../src/proxy/runtime/netns-holder.ts';
import { type ProxyRuntime, startProxyRuntime } from '../src/proxy/runtime/runtime.ts';
import { openStore } from '../src/store/index.ts';
import { privateNetnsSkipReason } from '../test/support/private-netns.ts';
import { measureApply } from './iptables-render.bench.ts';
import { syntheticCluster } from './synthetic-cluster.ts';
import { formatMillis, median } from './timing.ts';

const config: RenderConfig = {
  ...defaultRenderConfig,
  nodeName: 'node-1',
  nodeIP: '192.168.77.11',
  localDetector: { mode: 'ClusterCIDR', cidr: '10.244.0.0/16' },
  // The namespace has no nfacct objects, and the kernel refuses rules naming missing ones.
  nfacctCounters: {},
  interfaceAddrs: ['192.168.77.11/24'],
};

const endpointsPerService = 2;
const minSyncPeriodMs = 50;

/** The synthetic cluster as ClusterIP Services: a real API server cannot hand out 10k distinct nodePorts. */
function clusterIPCluster(count: number): { services: Service[]; slices: EndpointSlice[] } {
  const { services, endpointSlices } = syntheticCluster(count, endpointsPerService);
  const asClusterIP = services.map((service): Service => {
    // The API server allocates ClusterIPs (10.96.0.1 is the kubernetes Service's).
    const spec = { ...service.spec, type: 'ClusterIP' };
    delete spec.externalTrafficPolicy;
    delete spec.clusterIP;
    delete spec.clusterIPs;
    spec.ports = (spec.ports ?? []).map((port) => {
      const copy = { ...port };
      delete copy.nodePort;
      return copy;
    });
    return { ...service, spec };
  });
  return { services: asClusterIP, slices: endpointSlices };
}

/** POSTs every object, a few requests in flight at a time. */
async function createAll(server: ApiServer, path: (object: Service | EndpointSlice) => string, objects: unknown[]) {
  const queue = [...(objects as (Service | EndpointSlice)[])];
  const worker = async (): Promise<void> => {
    for (let object = queue.shift(); object !== undefined; object = queue.shift()) {
      const response = await call(server, 'POST', path(object), { body: object });
      if (response.status !== 201) throw new Error(`POST ${path(object)}: ${response.status} ${response.text}`);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

const servicePath = (object: Service | EndpointSlice): string =>
  `/api/v1/namespaces/${object.metadata?.namespace ?? 'default'}/services`;
const slicePath = (object: Service | EndpointSlice): string =>
  `/apis/discovery.k8s.io/v1/namespaces/${object.metadata?.namespace ?? 'default'}/endpointslices`;

function kubeConfigFor(server: ApiServer): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'bench', server: server.url, skipTLSVerify: true }],
    users: [{ name: 'bench', token: testToken }],
    contexts: [{ name: 'bench', cluster: 'bench', user: 'bench' }],
    currentContext: 'bench',
  });
  return kubeConfig;
}

/** One new Service with one local endpoint, named so it never collides with the synthetic ones. */
function newObjects(index: number): { service: Service; slice: EndpointSlice } {
  const name = `added${index}`;
  return {
    service: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { namespace: 'default', name },
      spec: { ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }] },
    },
    slice: {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { namespace: 'default', name: `${name}-x`, labels: { 'kubernetes.io/service-name': name } },
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      endpoints: [{ addresses: [`10.245.0.${index + 1}`], conditions: { ready: true }, nodeName: 'node-1' }],
    },
  };
}

/** Writes one Service + slice and resolves once a sync has applied both: the programming latency in ms. */
async function programOne(server: ApiServer, runtime: ProxyRuntime, index: number): Promise<number> {
  const { service, slice } = newObjects(index);
  const name = `default/${service.metadata?.name ?? ''}`;
  const proxier = await runtime.ready;
  const start = performance.now();
  await call(server, 'POST', servicePath(service), { body: service });
  await call(server, 'POST', slicePath(slice), { body: slice });
  while ((proxier.applied?.endpoints.get(name)?.size ?? 0) === 0) await runtime.nextSync((o) => o.kind !== 'skipped');
  return performance.now() - start;
}

/** Checks, outside the timed part, that the new Service's chain really is in the kernel. */
async function chainVisible(netns: NetnsHolder, index: number): Promise<boolean> {
  const dump = await netns.run(['iptables-save', '-t', 'nat']);
  return dump.stdout.includes(`"default/added${index}:http`);
}

async function benchSize(count: number): Promise<void> {
  const runs = count >= 10000 ? 2 : 5;
  console.log(`\n  ${count} services present (${endpointsPerService} endpoints each):`);
  const netns = await holdPrivateNetns(spawnCommand);
  const store = await openStore('memory://');
  const network = { nodePortRange: DEFAULT_NODE_PORT_RANGE, serviceCIDR: '10.96.0.0/12' };
  const server = await startTestServer({ store, strategies: (await clusterStrategies(store, network)).strategies });
  let runtime: ProxyRuntime | undefined;
  try {
    const { services, slices } = clusterIPCluster(count);
    let start = performance.now();
    await call(server, 'POST', '/api/v1/nodes', {
      body: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } },
    });
    const namespaces = [...new Set(services.map((svc) => svc.metadata?.namespace ?? 'default'))];
    for (const name of namespaces) {
      await call(server, 'POST', '/api/v1/namespaces', {
        body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
      });
    }
    await createAll(server, servicePath, services);
    await createAll(server, slicePath, slices);
    console.log(`    API writes of ${count} Services + slices: ${formatMillis(performance.now() - start)}`);

    start = performance.now();
    runtime = await startProxyRuntime({
      kubeConfig: kubeConfigFor(server),
      nodeName: 'node-1',
      ipFamily: 'IPv4',
      renderConfig: () => config,
      iptables: createIptablesRunner(netns.run, 'IPv4'),
      minSyncPeriodMs,
      syncPeriodMs: 60 * 60_000,
      healthzAddress: null,
      metricsAddress: null,
    });
    const first = await runtime.nextSync((o) => o.kind !== 'skipped');
    const firstOk = first.kind !== 'skipped' && first.ok;
    console.log(
      `    proxy start → first full sync applied: ${formatMillis(performance.now() - start)} (ok: ${firstOk})`,
    );

    const latencies: number[] = [];
    for (let i = 0; i < runs; i++) latencies.push(await programOne(server, runtime, i));
    const visible = await chainVisible(netns, runs - 1);
    const latency = median(latencies);
    console.log(
      `    programming latency, 1 Service + slice (median of ${runs}, min-sync-period ${minSyncPeriodMs} ms): ` +
        `${formatMillis(latency)} [${latencies.map(formatMillis).join(', ')}]; chain in iptables-save: ${visible}`,
    );

    const proxier = await runtime.ready;
    const applied = proxier.applied;
    if (applied === undefined) return;
    const payload = renderIptablesRestore(applied, config, { kind: 'full', existingNatChains: null }).payload;
    const restore = measureApply(payload, 1);
    if (typeof restore === 'string') {
      console.log(`    bare iptables-restore: skipped (${restore}); no ratio`);
      return;
    }
    console.log(
      `    bare iptables-restore of the full payload (${(payload.length / 2 ** 20).toFixed(2)} MiB, fresh namespace, 1 run): ` +
        formatMillis(restore),
    );
    console.log(`    ratio programming latency ÷ full restore: ${(latency / restore).toFixed(3)}`);
  } finally {
    await runtime?.stop();
    await server.close();
    await store.close();
    netns.kill();
  }
}

/** Runs each size and prints one block per size; skipped, saying why, without root or the tools. */
export async function benchNetworkProgramming(sizes: readonly number[] = [1000, 10000]): Promise<void> {
  console.log(
    'network programming latency (API write → rules applied in a private namespace) vs full iptables-restore',
  );
  const skip = privateNetnsSkipReason(['nsenter', 'iptables-restore', 'iptables-save']);
  if (skip !== undefined) {
    console.log(`  skipped: ${skip}`);
    return;
  }
  if (sizes.some((size) => size >= 10000)) {
    console.log(
      '  (10k: the bare restore runs once and latency twice; a 10k restore takes seconds to minutes by machine and load)',
    );
  }
  for (const size of sizes) await benchSize(size);
}
