/** Properties of the renderer over random clusters: determinism, input-order independence, uniform picks. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.d.ts';
import { changedServices } from '../changed-services.ts';
import { makeService, makeSlice } from '../fixtures.ts';
import { buildSnapshot } from '../snapshot.ts';
import type { ProxySnapshot } from '../types.ts';
import { defaultRenderConfig, type RenderConfig } from './config.ts';
import { probability } from './probability.ts';
import { renderIptablesRestore, type SyncKind } from './render.ts';
import { applyRestore, checkRestoreTargets, dumpKernel, tableLines, type KernelTables } from './vector-checks.ts';

const config: RenderConfig = {
  ...defaultRenderConfig,
  nodeName: 'node-a',
  nodeIP: '192.168.0.2',
  localDetector: { mode: 'ClusterCIDR', cidr: '10.0.0.0/8' },
  interfaceAddrs: ['127.0.0.1/8', '192.168.0.2/24'],
};

const octet = fc.integer({ min: 0, max: 255 });

const endpointArb = fc.record({
  addresses: fc.tuple(octet, octet).map(([a, b]) => [`10.180.${a}.${b}`]),
  nodeName: fc.constantFrom('node-a', 'node-b'),
  conditions: fc.record({ ready: fc.boolean(), serving: fc.boolean(), terminating: fc.boolean() }),
});

interface Cluster {
  readonly services: Service[];
  readonly slices: EndpointSlice[];
}

const serviceArb = fc.record({
  namespace: fc.constantFrom('ns1', 'ns-2', 'a'),
  type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer'),
  eTP: fc.constantFrom('Cluster', 'Local'),
  iTP: fc.constantFrom('Cluster', 'Local'),
  clientIP: fc.boolean(),
  externalIP: fc.boolean(),
  sourceRange: fc.boolean(),
  ports: fc.integer({ min: 1, max: 2 }),
  slices: fc.array(fc.array(endpointArb, { maxLength: 6 }), { maxLength: 2 }),
});

type ServiceSpec = typeof serviceArb extends fc.Arbitrary<infer T> ? T : never;

/** Services `svc{i}` (index-named, so later states can keep, change or drop the same Service). */
function toCluster(specs: readonly (ServiceSpec | undefined)[]): Cluster {
  const services: Service[] = [];
  const slices: EndpointSlice[] = [];
  specs.forEach((spec, i) => {
    if (spec === undefined) return;
    const name = `svc${i}`;
    const ports = Array.from({ length: spec.ports }, (_, p) => ({
      name: `p${p}`,
      port: 80 + p,
      protocol: 'TCP',
      ...(spec.type === 'ClusterIP' ? {} : { nodePort: 30000 + i * 2 + p }),
    }));
    const status = spec.type === 'LoadBalancer' ? { loadBalancer: { ingress: [{ ip: `5.6.7.${i}` }] } } : undefined;
    services.push(
      makeService(
        spec.namespace,
        name,
        {
          type: spec.type,
          clusterIP: `172.30.0.${i + 1}`,
          ports,
          externalTrafficPolicy: spec.eTP,
          internalTrafficPolicy: spec.iTP,
          ...(spec.type === 'LoadBalancer' && spec.eTP === 'Local' ? { healthCheckNodePort: 32000 + i } : {}),
          ...(spec.clientIP ? { sessionAffinity: 'ClientIP' } : {}),
          ...(spec.externalIP ? { externalIPs: [`192.168.99.${i}`] } : {}),
          ...(spec.sourceRange ? { loadBalancerSourceRanges: ['203.0.113.0/25'] } : {}),
        },
        status,
      ),
    );
    spec.slices.forEach((endpoints, n) => {
      const slicePorts = ports.map((p) => ({ name: p.name, port: 8080 + p.port, protocol: 'TCP' }));
      slices.push(makeSlice(spec.namespace, name, n + 1, endpoints, slicePorts));
    });
  });
  return { services, slices };
}

/** Random Services with 0–2 slices of 0–6 endpoints each. */
const clusterArb: fc.Arbitrary<Cluster> = fc.array(serviceArb, { maxLength: 8 }).map(toCluster);

const maxServices = 6;

/** One sync's changes: per Service index keep it, give it new endpoints, replace it, or drop it. */
const stepArb = fc.record({
  choices: fc.array(fc.constantFrom('keep', 'keep', 'endpoints', 'replace', 'drop'), {
    minLength: maxServices,
    maxLength: maxServices,
  }),
  replacements: fc.array(serviceArb, { minLength: maxServices, maxLength: maxServices }),
});

/** A sequence of related cluster states, as successive syncs see them. */
const historyArb: fc.Arbitrary<Cluster[]> = fc
  .tuple(fc.array(serviceArb, { maxLength: maxServices }), fc.array(stepArb, { minLength: 1, maxLength: 3 }))
  .map(([initial, steps]) => {
    let current: (ServiceSpec | undefined)[] = initial;
    const states = [toCluster(current)];
    for (const step of steps) {
      current = step.choices.map((choice, i) => {
        const spec = current[i];
        const replacement = step.replacements[i];
        if (choice === 'drop') return undefined;
        if (choice === 'replace' || spec === undefined) return replacement;
        return choice === 'endpoints' && replacement !== undefined ? { ...spec, slices: replacement.slices } : spec;
      });
      states.push(toCluster(current));
    }
    return states;
  });

function renderCluster(services: readonly Service[], slices: readonly EndpointSlice[]): string {
  const snapshot = buildSnapshot(services, slices, { name: config.nodeName, ipFamily: 'IPv4' });
  return renderIptablesRestore(snapshot, config, { kind: 'full', existingNatChains: new Set() }).payload;
}

test('rendering is deterministic and independent of the order of Services and slices', () => {
  const withShuffles = clusterArb.chain((cluster) =>
    fc.tuple(
      fc.constant(cluster),
      fc.shuffledSubarray(cluster.services, { minLength: cluster.services.length }),
      fc.shuffledSubarray(cluster.slices, { minLength: cluster.slices.length }),
    ),
  );
  fc.assert(
    fc.property(withShuffles, ([cluster, services, slices]) => {
      const payload = renderCluster(cluster.services, cluster.slices);
      assert.equal(renderCluster(cluster.services, cluster.slices), payload);
      assert.equal(renderCluster(services, slices), payload);
      checkRestoreTargets(payload, new Set());
    }),
    { numRuns: 60 },
  );
});

/** The dispatch rules of each KUBE-SVC/SVL chain: `-m statistic` probabilities, null for the final rule. */
function dispatchProbabilities(payload: string): Map<string, (number | null)[]> {
  const chains = new Map<string, (number | null)[]>();
  for (const line of tableLines(payload, 'nat')) {
    const match = /^-A (KUBE-SV[CL]-\S+) .*-j (KUBE-SEP-\S+)$/.exec(line);
    if (match === null || line.includes('--rcheck')) continue;
    const chain = match[1] ?? '';
    const probabilityMatch = /--probability (\S+)/.exec(line);
    const list = chains.get(chain) ?? [];
    list.push(probabilityMatch === null ? null : Number(probabilityMatch[1]));
    chains.set(chain, list);
  }
  return chains;
}

test('each KUBE-SVC/SVL chain picks its endpoints uniformly: 1/(n-i) composes to 1/n', () => {
  let multiEndpointChains = 0;
  fc.assert(
    fc.property(clusterArb, (cluster) => {
      for (const [chain, probabilities] of dispatchProbabilities(renderCluster(cluster.services, cluster.slices))) {
        const n = probabilities.length;
        if (n > 1) multiEndpointChains++;
        assert.equal(probabilities.at(-1), null, `${chain}: the last rule always matches`);
        let remaining = 1;
        probabilities.forEach((p, i) => {
          if (i < n - 1) assert.equal(p?.toFixed(10), probability(n - i), `${chain} rule ${i}`);
          const chosen = remaining * (p ?? 1);
          assert.ok(Math.abs(chosen - 1 / n) < 1e-9, `${chain}: endpoint ${i} gets ${chosen}, not 1/${n}`);
          remaining -= chosen;
        });
      }
    }),
    { numRuns: 60 },
  );
  assert.ok(multiEndpointChains > 10, `only ${multiEndpointChains} chains with several endpoints were generated`);
});

test('partial syncs leave the kernel exactly as a full sync of the final state would', () => {
  fc.assert(
    fc.property(historyArb, (states) => {
      const partial: KernelTables = new Map();
      let previous: ProxySnapshot | undefined;
      for (const state of states) {
        const snapshot = buildSnapshot(state.services, state.slices, { name: config.nodeName, ipFamily: 'IPv4' });
        const kind: SyncKind =
          previous === undefined
            ? { kind: 'full' }
            : { kind: 'partial', changedServices: changedServices(previous, snapshot) };
        const existing = new Set(partial.get('nat')?.keys() ?? []);
        const { payload } = renderIptablesRestore(snapshot, config, { ...kind, existingNatChains: existing });
        checkRestoreTargets(payload, existing);
        applyRestore(partial, payload);
        previous = snapshot;
      }
      const last = states.at(-1) as Cluster;
      const fresh: KernelTables = new Map();
      applyRestore(fresh, renderCluster(last.services, last.slices));
      assert.equal(dumpKernel(partial), dumpKernel(fresh));
    }),
    { numRuns: 40 },
  );
});
