import assert from 'node:assert/strict';
import { test } from 'node:test';
import { categorizeEndpoints, zoneLabel } from './categorize.ts';
import { makeService } from './fixtures.ts';
import { proxyServiceFor } from './service-ports.ts';
import type { EndpointInfo, ServicePortInfo } from './types.ts';

function endpoint(ip: string, overrides: Partial<EndpointInfo> = {}): EndpointInfo {
  return {
    ip,
    port: 80,
    endpoint: `${ip}:80`,
    isLocal: false,
    ready: true,
    serving: true,
    terminating: false,
    zoneHints: [],
    nodeHints: [],
    ...overrides,
  };
}

function port(spec: Parameters<typeof makeService>[2]): ServicePortInfo {
  const info = proxyServiceFor(makeService('ns', 'svc', { clusterIP: '10.96.0.1', ...spec }), 'IPv4')?.ports[0];
  assert.ok(info !== undefined);
  return info;
}

const clusterPort = port({ type: 'ClusterIP', ports: [{ port: 80 }] });
const internalLocalPort = port({ type: 'ClusterIP', internalTrafficPolicy: 'Local', ports: [{ port: 80 }] });
const externalLocalPort = port({
  type: 'NodePort',
  externalTrafficPolicy: 'Local',
  ports: [{ port: 80, nodePort: 30080 }],
});

const names = (eps: readonly EndpointInfo[]) => eps.map((ep) => ep.ip);

test('no endpoints: nothing anywhere', () => {
  assert.deepEqual(categorizeEndpoints([], clusterPort, 'n', {}), {
    cluster: [],
    local: [],
    allReachable: [],
    hasAny: false,
  });
});

test('Cluster policy uses ready endpoints, else serving-terminating ones, never non-serving', () => {
  const eps = [endpoint('10.0.0.1'), endpoint('10.0.0.2', { ready: false, terminating: true })];
  assert.deepEqual(names(categorizeEndpoints(eps, clusterPort, 'n', {}).cluster), ['10.0.0.1']);
  const terminatingOnly = [
    endpoint('10.0.0.1', { ready: false, terminating: true }),
    endpoint('10.0.0.2', { ready: false, serving: false, terminating: true }),
  ];
  const result = categorizeEndpoints(terminatingOnly, clusterPort, 'n', {});
  assert.deepEqual(names(result.cluster), ['10.0.0.1']);
  assert.equal(result.hasAny, true);
  const dead = [endpoint('10.0.0.1', { ready: false, serving: false, terminating: true })];
  assert.equal(categorizeEndpoints(dead, clusterPort, 'n', {}).hasAny, false);
});

test('internalTrafficPolicy Local uses only local endpoints but still knows about remote ones', () => {
  const eps = [endpoint('10.0.0.1', { isLocal: true }), endpoint('10.0.0.2')];
  const result = categorizeEndpoints(eps, internalLocalPort, 'n', {});
  assert.deepEqual(names(result.cluster), []);
  assert.deepEqual(names(result.local), ['10.0.0.1']);
  assert.deepEqual(names(result.allReachable), ['10.0.0.1']);
  const remoteOnly = categorizeEndpoints([endpoint('10.0.0.2')], internalLocalPort, 'n', {});
  assert.deepEqual([remoteOnly.local.length, remoteOnly.hasAny], [0, true]);
});

test('externalTrafficPolicy Local falls back to local serving-terminating endpoints and merges them', () => {
  const eps = [endpoint('10.0.0.1', { isLocal: true, ready: false, terminating: true }), endpoint('10.0.0.2')];
  const result = categorizeEndpoints(eps, externalLocalPort, 'n', {});
  assert.deepEqual(names(result.cluster), ['10.0.0.2']);
  assert.deepEqual(names(result.local), ['10.0.0.1']);
  assert.deepEqual(names(result.allReachable), ['10.0.0.1', '10.0.0.2']);
});

test('zone hints narrow Cluster endpoints when every ready endpoint has one', () => {
  const eps = [endpoint('10.0.0.1', { zoneHints: ['a'] }), endpoint('10.0.0.2', { zoneHints: ['b'] })];
  assert.deepEqual(names(categorizeEndpoints(eps, clusterPort, 'n', { [zoneLabel]: 'a' }).cluster), ['10.0.0.1']);
  // No hint for this zone, or a ready endpoint without hints: use them all.
  assert.deepEqual(names(categorizeEndpoints(eps, clusterPort, 'n', { [zoneLabel]: 'c' }).cluster), [
    '10.0.0.1',
    '10.0.0.2',
  ]);
  const partial = [eps[0] as EndpointInfo, endpoint('10.0.0.3')];
  assert.deepEqual(names(categorizeEndpoints(partial, clusterPort, 'n', { [zoneLabel]: 'a' }).cluster), [
    '10.0.0.1',
    '10.0.0.3',
  ]);
});

test('node hints win over zone hints', () => {
  const eps = [
    endpoint('10.0.0.1', { zoneHints: ['a'], nodeHints: ['n2'] }),
    endpoint('10.0.0.2', { zoneHints: ['a'], nodeHints: ['n1'] }),
  ];
  assert.deepEqual(names(categorizeEndpoints(eps, clusterPort, 'n1', { [zoneLabel]: 'a' }).cluster), ['10.0.0.2']);
});
