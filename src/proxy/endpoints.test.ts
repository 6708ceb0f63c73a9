import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildEndpointsMap } from './endpoints.ts';
import { makeSlice } from './fixtures.ts';

const tcp80 = [{ name: 'p80', port: 80, protocol: 'TCP' }];

function endpointStrings(map: ReturnType<typeof buildEndpointsMap>, service: string, key: string): string[] {
  return (map.get(service)?.get(key) ?? []).map((ep) => ep.endpoint);
}

test('endpoints sort byte-wise by ip:port, so 10.1.1.11 comes before 10.1.1.1', () => {
  const slice = makeSlice(
    'ns',
    'svc',
    1,
    [{ addresses: ['10.1.1.1'] }, { addresses: ['10.1.1.11'] }, { addresses: ['10.1.1.2'] }],
    [{ name: 'p', port: 11, protocol: 'TCP' }],
  );
  const map = buildEndpointsMap([slice], 'node', 'IPv4');
  assert.deepEqual(endpointStrings(map, 'ns/svc', 'ns/svc:p/TCP'), ['10.1.1.11:11', '10.1.1.1:11', '10.1.1.2:11']);
});

test('an endpoint port serves only the service port with the same name and protocol', () => {
  const slice = makeSlice(
    'ns',
    'svc',
    1,
    [{ addresses: ['10.0.0.1'] }],
    [
      { name: 'p80', port: 8080, protocol: 'TCP' },
      { name: 'p80', port: 8081, protocol: 'UDP' },
      { name: '', port: 9090, protocol: 'TCP' },
      { port: 7070, protocol: 'TCP' }, // nil name: ignored
      { name: 'zero', port: 0, protocol: 'TCP' }, // no port: ignored
    ],
  );
  const map = buildEndpointsMap([slice], 'node', 'IPv4');
  assert.deepEqual(endpointStrings(map, 'ns/svc', 'ns/svc:p80/TCP'), ['10.0.0.1:8080']);
  assert.deepEqual(endpointStrings(map, 'ns/svc', 'ns/svc:p80/UDP'), ['10.0.0.1:8081']);
  assert.deepEqual(endpointStrings(map, 'ns/svc', 'ns/svc/TCP'), ['10.0.0.1:9090']);
  assert.deepEqual([...(map.get('ns/svc')?.keys() ?? [])].sort(), ['ns/svc/TCP', 'ns/svc:p80/TCP', 'ns/svc:p80/UDP']);
});

test('conditions default to ready and serving; nodeName decides isLocal', () => {
  const slice = makeSlice(
    'ns',
    'svc',
    1,
    [
      { addresses: ['10.0.0.1'], nodeName: 'node-a' },
      { addresses: ['10.0.0.2'], nodeName: 'node-b', conditions: { ready: false, serving: true, terminating: true } },
      { addresses: ['10.0.0.3'] },
      { addresses: [] },
    ],
    tcp80,
  );
  const [a, b, c] = buildEndpointsMap([slice], 'node-a', 'IPv4').get('ns/svc')?.get('ns/svc:p80/TCP') ?? [];
  assert.deepEqual([a?.isLocal, a?.ready, a?.serving, a?.terminating], [true, true, true, false]);
  assert.deepEqual([b?.isLocal, b?.ready, b?.serving, b?.terminating], [false, false, true, true]);
  assert.equal(c?.isLocal, false);
  // A proxy without a node name has no local endpoints.
  const none = buildEndpointsMap([slice], '', 'IPv4').get('ns/svc')?.get('ns/svc:p80/TCP') ?? [];
  assert.ok(none.every((ep) => !ep.isLocal));
});

test('duplicates across slices prefer the non-terminating endpoint', () => {
  const terminating = makeSlice(
    'ns',
    'svc',
    1,
    [{ addresses: ['10.0.0.1'], conditions: { ready: false, terminating: true } }],
    tcp80,
  );
  const running = makeSlice('ns', 'svc', 2, [{ addresses: ['10.0.0.1'], nodeName: 'n' }], tcp80);
  for (const slices of [
    [terminating, running],
    [running, terminating],
  ]) {
    const eps = buildEndpointsMap(slices, 'n', 'IPv4').get('ns/svc')?.get('ns/svc:p80/TCP') ?? [];
    const [ep] = eps;
    assert.ok(eps.length === 1 && ep !== undefined);
    assert.equal(ep.terminating, false);
    assert.equal(ep.isLocal, true);
  }
});

test('slices are filtered by family and by the service-name label; only the first address counts', () => {
  const v4 = makeSlice('ns', 'svc', 1, [{ addresses: ['10.0.0.01', '10.0.0.9'] }], tcp80);
  const v6 = makeSlice('ns', 'svc', 2, [{ addresses: ['FD00::0001'] }], tcp80, 'IPv6');
  const unlabeled = {
    ...makeSlice('ns', 'svc', 3, [{ addresses: ['10.0.0.3'] }], tcp80),
    metadata: { namespace: 'ns', name: 'x' },
  };
  const fqdn = { ...makeSlice('ns', 'svc', 4, [{ addresses: ['a.example'] }], tcp80), addressType: 'FQDN' };
  assert.deepEqual(
    endpointStrings(buildEndpointsMap([v4, v6, unlabeled, fqdn], '', 'IPv4'), 'ns/svc', 'ns/svc:p80/TCP'),
    ['10.0.0.1:80'],
  );
  const ipv6 = buildEndpointsMap([v4, v6], '', 'IPv6').get('ns/svc')?.get('ns/svc:p80/TCP') ?? [];
  assert.deepEqual(
    ipv6.map((ep) => [ep.ip, ep.endpoint]),
    [['fd00::1', '[fd00::1]:80']],
  );
});

test('topology hints are kept sorted', () => {
  const slice = makeSlice(
    'ns',
    'svc',
    1,
    [{ addresses: ['10.0.0.1'], hints: { forZones: [{ name: 'b' }, { name: 'a' }] } }],
    tcp80,
  );
  const [ep] = buildEndpointsMap([slice], '', 'IPv4').get('ns/svc')?.get('ns/svc:p80/TCP') ?? [];
  assert.ok(ep !== undefined);
  assert.deepEqual(ep.zoneHints, ['a', 'b']);
  assert.deepEqual(ep.nodeHints, []);
});

/** A slice as an unvalidating API server may hand it over: any value in any field. */
function hostileSlice(endpoints: unknown[], ports: unknown[], meta: Record<string, unknown> = {}): never {
  const slice = makeSlice('ns', 'svc', 1, [], []);
  return { ...slice, metadata: { ...slice.metadata, ...meta }, endpoints, ports } as never;
}

test("a port that is not an integer in 1..65535 is left out with a warning; the slice's other ports stay", () => {
  const warnings: string[] = [];
  const ports = [
    { name: 'inject', port: '80\n-A KUBE-SERVICES -j ACCEPT', protocol: 'TCP' },
    { name: 'big', port: 70000 },
    { name: 'half', port: 80.5 },
    { name: 'Bad"', port: 81 },
    { name: 'proto', port: 82, protocol: 'tcp\n' },
    { name: 'good', port: 8080 },
    { name: 'noport' },
  ];
  const map = buildEndpointsMap([hostileSlice([{ addresses: ['10.0.0.1'] }], ports)], 'n', 'IPv4', (m) =>
    warnings.push(m),
  );
  assert.deepEqual([...(map.get('ns/svc')?.keys() ?? [])], ['ns/svc:good/TCP']);
  assert.deepEqual(warnings, [
    'EndpointSlice ns/svc-1: ports[0] ignored: invalid port "80\\n-A KUBE-SERVICES -j ACCEPT"',
    'EndpointSlice ns/svc-1: ports[1] ignored: invalid port 70000',
    'EndpointSlice ns/svc-1: ports[2] ignored: invalid port 80.5',
    'EndpointSlice ns/svc-1: ports[3] ignored: invalid name "Bad\\""',
    'EndpointSlice ns/svc-1: ports[4] ignored: invalid protocol "tcp\\n"',
  ]);
});

test('an endpoint with a bad address, condition, node name or hint is left out; the others stay', () => {
  const warnings: string[] = [];
  const endpoints = [
    { addresses: ['10.0.0.1 -j ACCEPT'] },
    { addresses: ['10.0.0.2', 'fd00::1'] },
    { addresses: [] },
    { addresses: ['10.0.0.3'], conditions: { ready: 'yes' } },
    { addresses: ['10.0.0.4'], nodeName: 'Node\n1' },
    { addresses: ['10.0.0.5'], hints: { forZones: [{ name: 'a b' }] } },
    'not an object',
    { addresses: ['010.0.0.6'], nodeName: 'n', conditions: { ready: null } },
  ];
  const map = buildEndpointsMap([hostileSlice(endpoints, tcp80)], 'n', 'IPv4', (m) => warnings.push(m));
  const kept = map.get('ns/svc')?.get('ns/svc:p80/TCP') ?? [];
  assert.deepEqual(
    kept.map((ep) => [ep.endpoint, ep.isLocal, ep.ready]),
    [['10.0.0.6:80', true, true]],
  );
  assert.deepEqual(
    warnings.map((m) => m.replace(/^EndpointSlice ns\/svc-1: /, '')),
    [
      'endpoints[0] ignored: invalid IPv4 address "10.0.0.1 -j ACCEPT"',
      'endpoints[1] ignored: invalid IPv4 address "fd00::1"',
      'endpoints[2] ignored: no addresses',
      'endpoints[3] ignored: conditions must be booleans',
      'endpoints[4] ignored: invalid nodeName "Node\\n1"',
      'endpoints[5] ignored: invalid hints',
      'endpoints[6] ignored: not an object',
    ],
  );
});

test('a slice whose namespace, name or service label could not be a real one is left out whole', () => {
  const warnings: string[] = [];
  const good = makeSlice('ns', 'svc', 1, [{ addresses: ['10.0.0.1'] }], tcp80);
  const slices = [
    hostileSlice([{ addresses: ['10.0.0.2'] }], tcp80, { namespace: 'ns"\n' }),
    hostileSlice([{ addresses: ['10.0.0.3'] }], tcp80, { name: 'Svc_1' }),
    hostileSlice([{ addresses: ['10.0.0.4'] }], tcp80, { labels: { 'kubernetes.io/service-name': 'svc\n' } }),
    { ...good, endpoints: 'junk', ports: 7 } as never,
    good,
  ];
  const map = buildEndpointsMap(slices, 'n', 'IPv4', (m) => warnings.push(m));
  assert.deepEqual(endpointStrings(map, 'ns/svc', 'ns/svc:p80/TCP'), ['10.0.0.1:80']);
  assert.deepEqual(warnings, [
    'EndpointSlice with invalid namespace "ns\\"\\n" ignored',
    'EndpointSlice ns/"Svc_1" ignored: invalid name',
    'EndpointSlice ns/svc-1 ignored: invalid kubernetes.io/service-name label "svc\\n"',
  ]);
});
