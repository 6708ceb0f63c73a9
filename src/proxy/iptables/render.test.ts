import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.d.ts';
import { clusterIPService, makeService, makeSlice, readySlice } from '../fixtures.ts';
import { buildSnapshot } from '../snapshot.ts';
import { defaultRenderConfig, type RenderConfig } from './config.ts';
import { renderIptablesRestore, type SyncRequest } from './render.ts';
import { chainRules, tableLines } from './vector-checks.ts';

const interfaceAddrs = ['127.0.0.1/8', '::1/128', '192.168.0.2/24', '192.168.1.2/24', '2001:db8::1/64'];
const testConfig: RenderConfig = {
  ...defaultRenderConfig,
  nodeName: 'test-node',
  nodeIP: '192.168.0.2',
  localDetector: { mode: 'ClusterCIDR', cidr: '10.0.0.0/8' },
  hasRandomFully: false,
  interfaceAddrs,
};
const full: SyncRequest = { kind: 'full', existingNatChains: new Set() };

function render(
  services: Service[],
  slices: EndpointSlice[],
  config: RenderConfig = testConfig,
  sync: SyncRequest = full,
) {
  const snapshot = buildSnapshot(services, slices, { name: config.nodeName, ipFamily: config.ipFamily });
  return renderIptablesRestore(snapshot, config, sync);
}

const nodePortService = makeService('ns1', 'svc1', {
  type: 'NodePort',
  clusterIP: '172.30.0.41',
  ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }],
});

test('the default config writes kube-proxy’s real mark and --random-fully', () => {
  const { payload } = render([], [], { ...defaultRenderConfig });
  assert.equal(
    chainRules(payload, 'nat/KUBE-POSTROUTING'),
    [
      '-A KUBE-POSTROUTING -m mark ! --mark 0x00004000/0x00004000 -j RETURN',
      '-A KUBE-POSTROUTING -j MARK --xor-mark 0x00004000',
      '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
      '',
    ].join('\n'),
  );
  assert.ok(payload.endsWith('COMMIT\n') && payload.startsWith('*filter\n'));
});

test('IPv6: brackets in DNAT only, ::1 excluded from NodePorts, no KUBE-FIREWALL', () => {
  const service = makeService('ns1', 'svc1', {
    type: 'NodePort',
    clusterIP: 'fd00:172:30::41',
    ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }],
  });
  const slice = makeSlice(
    'ns1',
    'svc1',
    1,
    [{ addresses: ['fd00:10:180::1'] }],
    [{ name: 'p80', port: 80, protocol: 'TCP' }],
    'IPv6',
  );
  const config: RenderConfig = {
    ...testConfig,
    ipFamily: 'IPv6',
    localDetector: { mode: 'ClusterCIDR', cidr: 'fd00:10::/64' },
  };
  const { payload } = render([service], [slice], config);
  const nat = tableLines(payload, 'nat');
  assert.ok(nat.some((line) => line.endsWith('-s fd00:10:180::1 -j KUBE-MARK-MASQ')));
  assert.ok(nat.some((line) => line.endsWith('-j DNAT --to-destination [fd00:10:180::1]:80')));
  assert.ok(
    nat.includes(
      '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL ! -d ::1/128 -j KUBE-NODEPORTS',
    ),
  );
  assert.ok(nat.some((line) => line.includes('-d fd00:172:30::41 --dport 80 ! -s fd00:10::/64 -j KUBE-MARK-MASQ')));
  // No localhost NodePorts for IPv6: neither the nfacct rule nor KUBE-FIREWALL.
  assert.ok(!payload.includes('127.0.0.0/8'));
  assert.equal(chainRules(payload, 'filter/KUBE-FIREWALL'), '');
});

test('a snapshot of the other family is refused', () => {
  const v6 = buildSnapshot([], [], { name: 'n', ipFamily: 'IPv6' });
  assert.throws(() => renderIptablesRestore(v6, testConfig, full), /IPv6/);
});

test('interface-based local detectors', () => {
  const service = makeService('ns', 'lb', {
    type: 'LoadBalancer',
    clusterIP: '172.30.0.50',
    externalTrafficPolicy: 'Local',
    healthCheckNodePort: 30000,
    ports: [{ name: 'p', port: 80, protocol: 'TCP', nodePort: 3005 }],
  });
  const slice = readySlice('ns', 'lb', ['10.180.0.1'], 'p');
  for (const [detector, local, notLocal] of [
    [{ mode: 'BridgeInterface', interface: 'cbr0' }, '-i cbr0', '! -i cbr0'],
    [{ mode: 'InterfaceNamePrefix', prefix: 'veth' }, '-i veth+', '! -i veth+'],
  ] as const) {
    const { payload } = render([service], [slice], { ...testConfig, localDetector: detector });
    assert.ok(
      payload.includes(`--comment "pod traffic for ns/lb:p external destinations" ${local} -j KUBE-SVC-`),
      detector.mode,
    );
    assert.ok(payload.includes(`-d 172.30.0.50 --dport 80 ${notLocal} -j KUBE-MARK-MASQ`), detector.mode);
  }
});

test('a restricted --nodeport-addresses lists node IPs, skipping loopback unless localhost NodePorts are on', () => {
  const jump = (ip: string) =>
    `-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -d ${ip} -j KUBE-NODEPORTS`;
  const slice = readySlice('ns1', 'svc1', ['10.180.0.1']);
  const restricted = render([nodePortService], [slice], {
    ...testConfig,
    nodePortAddresses: ['192.168.0.0/16', '127.0.0.1/32'],
    localhostNodePorts: false,
  });
  const nat = tableLines(restricted.payload, 'nat');
  assert.ok(nat.includes(jump('192.168.0.2')) && nat.includes(jump('192.168.1.2')));
  assert.ok(!nat.includes(jump('127.0.0.1')));
  assert.ok(!restricted.payload.includes('--nfacct-name localhost_nps_accepted_pkts'));
  const loopback = render([nodePortService], [slice], { ...testConfig, nodePortAddresses: ['127.0.0.0/8'] });
  assert.ok(tableLines(loopback.payload, 'nat').includes(jump('127.0.0.1')));
  assert.ok(
    loopback.payload.includes('-d 127.0.0.0/8 --dport 3001 -m nfacct --nfacct-name localhost_nps_accepted_pkts'),
  );
  // Without the nfacct object, the localhost rule would be refused by the kernel: it is left out.
  const noCounter = render([nodePortService], [slice], { ...testConfig, nfacctCounters: {} });
  assert.ok(!noCounter.payload.includes('-m nfacct'));
});

test('a partial sync writes only changed services but keeps every chain active', () => {
  const services = [
    clusterIPService('ns1', 'svc1', '172.30.0.41'),
    clusterIPService('ns2', 'svc2', '172.30.0.42', 'p8080', 8080),
  ];
  const slices = [readySlice('ns1', 'svc1', ['10.0.1.1']), readySlice('ns2', 'svc2', ['10.0.2.1'], 'p8080', 8080)];
  const first = render(services, slices);
  assert.equal(first.activeNatChains.size, 4);
  const partial = render(services, slices, testConfig, {
    kind: 'partial',
    changedServices: new Set(['ns2/svc2']),
    existingNatChains: new Set([...first.activeNatChains, 'KUBE-SEP-STALE', 'KUBE-SOMEONE-ELSES', 'CNI-CHAIN']),
  });
  assert.deepEqual(partial.activeNatChains, first.activeNatChains);
  assert.ok(!partial.payload.includes(':KUBE-SVC-XPGD46QRK7WJZT7O'));
  assert.ok(partial.payload.includes(':KUBE-SVC-2VJB64SDSIJUP5T6'));
  assert.ok(partial.payload.includes('-j KUBE-SVC-XPGD46QRK7WJZT7O')); // KUBE-SERVICES is always rewritten
  assert.deepEqual(
    tableLines(partial.payload, 'nat').filter((line) => line.startsWith('-X')),
    ['-X KUBE-SEP-STALE'],
  );
  assert.deepEqual(
    [partial.stats.skippedNatChains, partial.stats.skippedNatRules, partial.stats.deletedChains],
    [2, 4, 1],
  );
  assert.equal(partial.stats.staleChainCleanupRan, true);
  // Unknown kernel state: no GC at all.
  const unknown = render(services, slices, testConfig, { kind: 'full', existingNatChains: null });
  assert.equal(unknown.stats.staleChainCleanupRan, false);
});

test('reusing chain names from the previous render changes nothing', () => {
  const services = [nodePortService, clusterIPService('ns2', 'svc2', '172.30.0.42')];
  const slices = [readySlice('ns1', 'svc1', ['10.0.1.1', '10.0.1.2']), readySlice('ns2', 'svc2', ['10.0.2.1'])];
  const snapshot = buildSnapshot(services, slices, { name: 'test-node', ipFamily: 'IPv4' });
  const first = renderIptablesRestore(snapshot, testConfig, full);
  const second = renderIptablesRestore(snapshot, testConfig, full, { chainNameCache: first.chainNames });
  assert.equal(second.payload, first.payload);
  assert.equal(second.chainNames.size, 2);
});

test('stats count what was written', () => {
  const { stats } = render(
    [nodePortService, clusterIPService('ns2', 'empty', '172.30.0.42')],
    [readySlice('ns1', 'svc1', ['10.0.1.1'])],
  );
  assert.equal(stats.fullSync, true);
  assert.equal(stats.servicePorts, 2);
  assert.equal(stats.totalEndpoints, 1);
  assert.equal(stats.largeClusterMode, false);
  assert.equal(stats.filterRules, 5); // REJECT for the empty service, KUBE-FIREWALL, three KUBE-FORWARD
  assert.equal(stats.natChains, 7); // 4 fixed + EXT, SVC, SEP
});
