import assert from 'node:assert/strict';
import { test } from 'node:test';
import { schemaTypeError } from './schema-types.ts';

test("a known field of the wrong JSON type is Go's decode error, at any depth", () => {
  const cases: [Record<string, unknown>, string, string, string][] = [
    [
      { spec: { ports: 'x' } },
      'v1',
      'Service',
      'string into Go struct field ServiceSpec.spec.ports of type []v1.ServicePort',
    ],
    [
      { spec: { ports: [{ port: '80' }] } },
      'v1',
      'Service',
      'string into Go struct field ServicePort.spec.ports.port of type int32',
    ],
    [
      { spec: { ports: [{ port: 1e30 }] } },
      'v1',
      'Service',
      'number 1e30 into Go struct field ServicePort.spec.ports.port of type int32',
    ],
    [{ spec: 5 }, 'v1', 'Pod', 'number into Go struct field Pod.spec of type v1.PodSpec'],
    [
      { spec: { containers: [{ name: 5 }] } },
      'v1',
      'Pod',
      'number into Go struct field Container.spec.containers.name of type string',
    ],
    [
      { endpoints: [{ addresses: [1] }] },
      'discovery.k8s.io/v1',
      'EndpointSlice',
      'number into Go struct field Endpoint.endpoints.addresses of type string',
    ],
  ];
  for (const [object, apiVersion, kind, message] of cases) {
    assert.equal(schemaTypeError(object, apiVersion, kind), `json: cannot unmarshal ${message}`);
  }
  assert.equal(
    schemaTypeError({ spec: { ports: [{ targetPort: true }] } }, 'v1', 'Service'),
    'json: cannot unmarshal bool into Go value of type int32',
  );
});

test('nulls become the zero values Go decodes them to; unknown fields and unknown kinds pass', () => {
  const object: Record<string, unknown> = {
    spec: { clusterIPs: [null], selector: { a: null }, ports: [null, { port: 80, name: null }], type: null },
    extra: { anything: [1, 'x'] },
  };
  assert.equal(schemaTypeError(object, 'v1', 'Service'), undefined);
  assert.deepEqual(object, {
    spec: { clusterIPs: [''], selector: { a: '' }, ports: [{}, { port: 80 }] },
    extra: { anything: [1, 'x'] },
  });
  assert.equal(schemaTypeError({ spec: 5 }, 'coordination.k8s.io/v1', 'Lease'), undefined);
});
