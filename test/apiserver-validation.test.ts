/**
 * Regression tests for objects that used to be stored unchecked and later reached rules, paths and URLs: each is
 * now refused with a 422 Invalid Status whose causes name the fields, as kube-apiserver answers, and nothing is
 * stored. The server runs with the real strategies.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { call, type TestResponse } from '../src/apiserver/testing.ts';
import { type ClusterApi, startClusterApi } from './support/cluster-api.ts';

let api: ClusterApi;

before(async () => {
  api = await startClusterApi();
});

after(async () => {
  await api.close();
});

const slices = '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices';
const pods = '/api/v1/namespaces/default/pods';
const nodes = '/api/v1/nodes';

interface Cause {
  readonly reason?: string;
  readonly field?: string;
  readonly message?: string;
}

function causesOf(response: TestResponse): Cause[] {
  const details = response.body['details'] as { causes?: Cause[] } | undefined;
  return details?.causes ?? [];
}

/** Asserts a 422 Invalid Status with a cause on each of `fields`, and returns the causes. */
function assertInvalid(response: TestResponse, fields: readonly string[]): Cause[] {
  assert.equal(response.status, 422, response.text);
  assert.equal(response.body['kind'], 'Status');
  assert.equal(response.body['reason'], 'Invalid');
  const causes = causesOf(response);
  for (const field of fields) {
    assert.ok(
      causes.some((cause) => cause.field === field),
      `no cause on ${field}: ${response.text}`,
    );
  }
  return causes;
}

async function assertNotStored(path: string): Promise<void> {
  assert.equal((await call(api.server, 'GET', path)).status, 404);
}

function slice(name: string, ports: unknown[], addresses: unknown[] = ['10.244.1.5']): Record<string, unknown> {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name, namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
    addressType: 'IPv4',
    endpoints: [{ addresses, conditions: { ready: true } }],
    ports,
  };
}

describe('EndpointSlices: nothing reaches kube-proxy rules unchecked', () => {
  test('a port of 70000 is 422 on ports[0].port', async () => {
    const response = await call(api.server, 'POST', slices, {
      body: slice('big-port', [{ port: 70000, protocol: 'TCP' }]),
    });
    const causes = assertInvalid(response, ['ports[0].port']);
    assert.equal(causes[0]?.message, 'Invalid value: 70000: must be between 1 and 65535, inclusive');
    await assertNotStored(`${slices}/big-port`);
  });

  test('a port string carrying a newline (a rule injection) is refused and not stored', async () => {
    const body = slice('injected', [{ port: '80\n-A KUBE-SERVICES -j ACCEPT', protocol: 'TCP' }]);
    const response = await call(api.server, 'POST', slices, { body });
    // A decoder that refuses the type first (400) is as good; what matters is that it never lands in the store.
    if (response.status !== 400) assertInvalid(response, ['ports[0].port']);
    await assertNotStored(`${slices}/injected`);
  });

  test('an address that is not an IPv4 address is 422 on the address', async () => {
    const body = slice('bad-address', [{ port: 80, protocol: 'TCP' }], ['10.0.0.1 -j DROP']);
    const response = await call(api.server, 'POST', slices, { body });
    assertInvalid(response, ['endpoints[0].addresses[0]']);
    await assertNotStored(`${slices}/bad-address`);
  });

  test('a good slice is stored with its port defaults', async () => {
    const created = await api.expectStatus('POST', slices, slice('good', [{ name: 'http', port: 8080 }]), 201);
    assert.deepEqual(created['ports'], [{ name: 'http', port: 8080, protocol: 'TCP' }]);
  });
});

describe('Pods: container names never become paths', () => {
  test('a container named ../../../x is 422 on spec.containers[0].name', async () => {
    const body = { metadata: { name: 'escape' }, spec: { containers: [{ name: '../../../x', image: 'nginx' }] } };
    const response = await call(api.server, 'POST', pods, { body });
    const causes = assertInvalid(response, ['spec.containers[0].name']);
    assert.match(causes[0]?.message ?? '', /^Invalid value: "\.\.\/\.\.\/\.\.\/x": a lowercase RFC 1123 label/);
    await assertNotStored(`${pods}/escape`);
  });

  test('duplicate container names (also across init containers) are 422 Duplicate', async () => {
    const container = { name: 'app', image: 'nginx' };
    const body = {
      metadata: { name: 'twins' },
      spec: { containers: [container, container], initContainers: [container] },
    };
    const causes = assertInvalid(await call(api.server, 'POST', pods, { body }), [
      'spec.containers[1].name',
      'spec.initContainers[0].name',
    ]);
    assert.ok(causes.every((cause) => cause.reason === 'FieldValueDuplicate'));
  });
});

describe('terminationGracePeriodSeconds never answers 500', () => {
  test('a value that is no int64 is refused as Go refuses to decode it (400), a negative one is 422', async () => {
    const body = {
      metadata: { name: 'forever' },
      spec: { terminationGracePeriodSeconds: 1e300, containers: [{ name: 'app', image: 'nginx' }] },
    };
    const undecodable = await call(api.server, 'POST', pods, { body });
    assert.equal(undecodable.status, 400, undecodable.text);
    assert.match(
      String(undecodable.body['message']),
      /cannot unmarshal number 1e300 into Go struct field PodSpec\.spec\.terminationGracePeriodSeconds of type int64/,
    );
    const negative = { ...body, spec: { ...body.spec, terminationGracePeriodSeconds: -1 } };
    assertInvalid(await call(api.server, 'POST', pods, { body: negative }), ['spec.terminationGracePeriodSeconds']);
  });

  test('a huge valid value is stored, and deleting the bound pod is not a 500', async () => {
    const body = {
      metadata: { name: 'patient' },
      spec: { nodeName: 'node-1', terminationGracePeriodSeconds: 9e15, containers: [{ name: 'app', image: 'nginx' }] },
    };
    await api.expectStatus('POST', pods, body, 201);
    const deleted = await call(api.server, 'DELETE', `${pods}/patient`);
    assert.equal(deleted.status, 200, deleted.text);
  });
});

describe('Nodes: addresses that build URLs are checked on every write', () => {
  const node = (addresses: unknown[]): Record<string, unknown> => ({
    metadata: { name: 'node-x' },
    status: { addresses, daemonEndpoints: { kubeletEndpoint: { Port: 10250 } } },
  });

  test('127.0.0.1# and host/path? are 422 on create', async () => {
    const body = node([
      { type: 'InternalIP', address: '127.0.0.1#' },
      { type: 'Hostname', address: 'host/path?' },
    ]);
    const causes = assertInvalid(await call(api.server, 'POST', nodes, { body }), [
      'status.addresses[0].address',
      'status.addresses[1].address',
    ]);
    assert.equal(
      causes[0]?.message,
      'Invalid value: "127.0.0.1#": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    );
    await assertNotStored(`${nodes}/node-x`);
  });

  test('and on a status write', async () => {
    const created = await api.expectStatus(
      'POST',
      nodes,
      node([{ type: 'InternalIP', address: '192.168.77.11' }]),
      201,
    );
    const next = { ...created, status: { addresses: [{ type: 'InternalIP', address: '192.168.77.11:1/x?' }] } };
    const response = await call(api.server, 'PUT', `${nodes}/node-x/status`, { body: next });
    assertInvalid(response, ['status.addresses[0].address']);
    const stored = await api.expectStatus('GET', `${nodes}/node-x`, undefined, 200);
    assert.deepEqual((stored['status'] as { addresses: unknown }).addresses, [
      { type: 'InternalIP', address: '192.168.77.11' },
    ]);
  });
});
