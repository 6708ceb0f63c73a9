/**
 * Rendered rules and the tracer agree on what kube-proxy promises: for random Services and endpoints, a packet to a
 * ClusterIP or NodePort with ready endpoints reaches exactly the ready endpoints, each with probability 1/n, and a
 * packet to a Service without endpoints is rejected.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.d.ts';
import { renderRulesForNode } from '../src/cli/render-rules.ts';
import { stateFromText, tracePacket } from '../src/netfilter/index.ts';
import { defaultRenderConfig, type RenderConfig } from '../src/proxy/iptables/config.ts';

const nodeIP = '192.168.77.11';
const config: RenderConfig = {
  ...defaultRenderConfig,
  nodeName: 'node-1',
  nodeIP,
  localDetector: { mode: 'ClusterCIDR', cidr: '10.244.0.0/16' },
  nfacctCounters: {},
  interfaceAddrs: ['127.0.0.1/8', `${nodeIP}/24`],
};

interface ServiceCase {
  readonly port: number;
  readonly nodePort: number;
  readonly endpoints: readonly { readonly host: number; readonly ready: boolean }[];
}

const serviceCase = fc.record({
  port: fc.integer({ min: 1, max: 65535 }),
  nodePort: fc.integer({ min: 30000, max: 32767 }),
  endpoints: fc.uniqueArray(fc.record({ host: fc.integer({ min: 1, max: 254 }), ready: fc.boolean() }), {
    selector: (endpoint) => endpoint.host,
    maxLength: 6,
  }),
});

function objectsFor(cases: readonly ServiceCase[]): { services: Service[]; endpointSlices: EndpointSlice[] } {
  const services = cases.map((c, i) => ({
    metadata: { namespace: 'default', name: `svc${i}` },
    spec: {
      type: 'NodePort',
      clusterIP: `10.96.0.${i + 10}`,
      ports: [{ name: 'p', port: c.port, protocol: 'TCP', nodePort: c.nodePort }],
    },
  }));
  const endpointSlices = cases.map((c, i) => ({
    metadata: { namespace: 'default', name: `svc${i}-x`, labels: { 'kubernetes.io/service-name': `svc${i}` } },
    addressType: 'IPv4',
    ports: [{ name: 'p', port: 8080, protocol: 'TCP' }],
    endpoints: c.endpoints.map((e) => ({ addresses: [`10.244.${i}.${e.host}`], conditions: { ready: e.ready } })),
  }));
  return { services, endpointSlices };
}

test('packets reach exactly the ready endpoints, uniformly; no endpoints means REJECT', () => {
  fc.assert(
    fc.property(fc.uniqueArray(serviceCase, { minLength: 1, maxLength: 4, selector: (c) => c.nodePort }), (cases) => {
      const { payload } = renderRulesForNode({ ...objectsFor(cases), nodes: [] }, config);
      const state = stateFromText(payload, 4);
      cases.forEach((c, i) => {
        const ready = c.endpoints.filter((e) => e.ready).map((e) => `10.244.${i}.${e.host}:8080`);
        const targets = [
          { destIP: `10.96.0.${i + 10}`, destPort: c.port },
          { destIP: nodeIP, destPort: c.nodePort },
        ];
        for (const target of targets) {
          const trace = tracePacket(state, { sourceIP: '10.244.9.9', ...target }, { localIPs: [nodeIP] });
          if (ready.length === 0) {
            assert.equal(trace.verdict, 'REJECT');
            continue;
          }
          assert.equal(trace.verdict, 'DNAT');
          assert.deepEqual([...trace.endpoints.map((e) => e.destination)].sort(), [...ready].sort());
          const total = trace.endpoints.reduce((sum, e) => sum + e.probability, 0);
          assert.ok(Math.abs(total - 1) < 1e-9, `probabilities sum to ${total}`);
          for (const endpoint of trace.endpoints) assert.ok(Math.abs(endpoint.probability - 1 / ready.length) < 1e-6);
        }
      });
    }),
    { numRuns: 60 },
  );
});
