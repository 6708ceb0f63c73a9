/**
 * Hostile API objects never reach the kernel: whatever Services and EndpointSlices an unvalidating API server hands
 * the proxy, the restore payload stays inside the grammar kube-proxy writes (every line printable ASCII, every rule
 * parsed whole by the netfilter restore parser, nothing split or injected), and a good Service beside them is
 * still programmed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.d.ts';
import { parseRuleLine, ruleComment, stateFromText } from '../../netfilter/index.ts';
import { clusterIPService, readySlice } from '../fixtures.ts';
import { buildSnapshot } from '../snapshot.ts';
import { defaultRenderConfig, type RenderConfig } from './config.ts';
import { renderIptablesRestore } from './render.ts';

const config: RenderConfig = {
  ...defaultRenderConfig,
  nodeName: 'node-a',
  nodeIP: '192.168.0.2',
  localDetector: { mode: 'ClusterCIDR', cidr: '10.0.0.0/8' },
  interfaceAddrs: ['192.168.0.2/24'],
};

/** Strings built to break out of a rule, a comment or a line. */
const injection = fc.constantFrom(
  '80\n-A KUBE-SERVICES -j ACCEPT',
  'p80" -j ACCEPT -m comment --comment "x',
  'ns\nCOMMIT\n*filter',
  '10.0.0.1\n-A INPUT -j DROP',
  '10.0.0.1 -j ACCEPT',
  '-j DROP',
  'a\\"b',
  '\r',
  '$(reboot)',
  'TCP\n',
  'tcp',
  ' 80',
  '0x50',
  '1e3',
  'ünïcode',
  '',
);

/** Any JSON-ish value in a place that expects something else. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  injection,
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.integer({ min: -100_000, max: 100_000 }),
  fc.constantFrom(0, 65536, 70000, -1, 80.5, Number.NaN, Number.POSITIVE_INFINITY),
  fc.boolean(),
  fc.constantFrom(null, undefined, [], {}, ['80'], { toString: 1 }, { port: 80 }),
);

/** Mostly valid, sometimes hostile: enough valid values get through to exercise the renderer. */
function mostly<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: hostile });
}

const portNumber = mostly(fc.integer({ min: 1, max: 65535 }));
const portName = mostly(fc.constantFrom('p80', 'http', ''));
const protocol = mostly(fc.constantFrom('TCP', 'UDP', 'SCTP', undefined));
const ipv4 = mostly(fc.constantFrom('10.180.0.1', '10.180.0.2', '10.180.00.003', '::ffff:10.180.0.4'));

const servicePortArb = fc.record({ name: portName, port: portNumber, protocol, nodePort: mostly(fc.constant(30080)) });

const serviceArb = fc.record({
  metadata: fc.record({ namespace: mostly(fc.constant('ns1')), name: mostly(fc.constantFrom('svc', 'svc2')) }),
  spec: fc.record({
    type: mostly(fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer')),
    clusterIP: mostly(fc.constantFrom('172.30.0.5', '172.30.0.041')),
    ports: mostly(fc.array(servicePortArb, { maxLength: 3 })),
    externalIPs: mostly(fc.array(ipv4, { maxLength: 2 })),
    loadBalancerSourceRanges: mostly(fc.array(mostly(fc.constant('203.0.113.0/25')), { maxLength: 2 })),
    sessionAffinity: mostly(fc.constantFrom('None', 'ClientIP')),
    sessionAffinityConfig: fc.record({ clientIP: fc.record({ timeoutSeconds: mostly(fc.constant(60)) }) }),
    externalTrafficPolicy: mostly(fc.constantFrom('Cluster', 'Local')),
    internalTrafficPolicy: mostly(fc.constantFrom('Cluster', 'Local')),
    healthCheckNodePort: mostly(fc.constant(32000)),
  }),
  status: fc.record({ loadBalancer: fc.record({ ingress: mostly(fc.array(fc.record({ ip: ipv4 }))) }) }),
}) as fc.Arbitrary<unknown> as fc.Arbitrary<Service>;

const endpointArb = fc.record({
  addresses: mostly(fc.array(ipv4, { minLength: 1, maxLength: 2 })),
  conditions: mostly(fc.record({ ready: mostly(fc.boolean()), terminating: mostly(fc.boolean()) })),
  nodeName: mostly(fc.constantFrom('node-a', 'node-b')),
  zone: mostly(fc.constant('zone-a')),
  hints: mostly(fc.record({ forZones: mostly(fc.array(fc.record({ name: mostly(fc.constant('zone-a')) }))) })),
});

const sliceArb = fc.record({
  metadata: fc.record({
    namespace: mostly(fc.constant('ns1')),
    name: mostly(fc.constantFrom('svc-1', 'svc-2')),
    labels: fc.record({ 'kubernetes.io/service-name': mostly(fc.constantFrom('svc', 'svc2')) }),
  }),
  addressType: mostly(fc.constant('IPv4')),
  endpoints: mostly(fc.array(endpointArb, { maxLength: 4 })),
  ports: mostly(fc.array(fc.record({ name: portName, port: portNumber, protocol }), { maxLength: 3 })),
}) as fc.Arbitrary<unknown> as fc.Arbitrary<EndpointSlice>;

const goodService = clusterIPService('ns-good', 'web', '172.30.9.9', 'http', 80);
const goodSlice = readySlice('ns-good', 'web', ['10.9.9.9'], 'http', 8080);

/** The lines kube-proxy's restore input is made of (chain names are upper-case, words separated by spaces). */
const LINE_GRAMMAR =
  /^(?:\*(?:filter|nat)|COMMIT|:[A-Z][A-Z0-9-]* - \[0:0\]|-X [A-Z][A-Z0-9-]*|-A [A-Z][A-Z0-9-]* .+)$/;

function checkPayload(payload: string): void {
  const lines = payload.split('\n');
  assert.equal(lines.pop(), '', 'the payload ends with a newline');
  for (const line of lines) {
    assert.match(line, /^[\x20-\x7e]+$/, `only printable ASCII: ${JSON.stringify(line)}`);
    assert.match(line, LINE_GRAMMAR, `outside the grammar: ${JSON.stringify(line)}`);
    if (!line.startsWith('-A ')) continue;
    const comment = ruleComment(parseRuleLine(line));
    if (comment !== undefined) assert.match(comment, /^[-a-zA-Z0-9./:,;() >]*$/, `comment ${JSON.stringify(comment)}`);
  }
  // The restore parser takes the whole payload, and every -A line is one rule: nothing was split or merged.
  const state = stateFromText(payload, 4);
  let rules = 0;
  for (const table of state.tables.values()) for (const chain of table.chains.values()) rules += chain.rules.length;
  assert.equal(rules, lines.filter((line) => line.startsWith('-A ')).length);
}

test('hostile Services and EndpointSlices never leave the restore grammar, and a good Service is still programmed', () => {
  const clusterArb = fc.record({
    services: fc.array(serviceArb, { maxLength: 4 }),
    slices: fc.array(sliceArb, { maxLength: 4 }),
  });
  fc.assert(
    fc.property(clusterArb, ({ services, slices }) => {
      const snapshot = buildSnapshot([goodService, ...services], [goodSlice, ...slices], {
        name: config.nodeName,
        ipFamily: 'IPv4',
      });
      const { payload } = renderIptablesRestore(snapshot, config, { kind: 'full', existingNatChains: new Set() });
      checkPayload(payload);
      assert.match(
        payload,
        /--comment "ns-good\/web:http cluster IP" -m tcp -p tcp -d 172\.30\.9\.9 --dport 80 -j KUBE-SVC-/,
      );
      assert.match(
        payload,
        /-A KUBE-SEP-\S+ -m comment --comment ns-good\/web:http -m tcp -p tcp -j DNAT --to-destination 10\.9\.9\.9:8080/,
      );
    }),
    { numRuns: 300 },
  );
});
