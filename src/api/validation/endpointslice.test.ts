import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorString } from '../field-errors.ts';
import { defaultEndpointSlice, validateEndpointSlice, validateEndpointSliceUpdate } from './endpointslice.ts';

const metadata = { name: 'web-abcde', namespace: 'default' };
const lines = (errors: readonly Parameters<typeof fieldErrorString>[0][]): string[] => errors.map(fieldErrorString);

const goodSlice = {
  metadata,
  addressType: 'IPv4',
  endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true }, nodeName: 'node-1', hostname: 'web-0' }],
  ports: [{ name: 'http', protocol: 'TCP', port: 8080, appProtocol: 'http' }],
};

test('a slice as the EndpointSlice controller writes it is valid', () => {
  assert.deepEqual(validateEndpointSlice(goodSlice), []);
  assert.deepEqual(
    validateEndpointSlice({ metadata, addressType: 'FQDN', endpoints: [{ addresses: ['db.example.com'] }] }),
    [],
  );
});

test('ports: a number outside 1..65535, a duplicate name, an unknown protocol, a bad name', () => {
  const slice = {
    ...goodSlice,
    ports: [
      { name: 'http', protocol: 'TCP', port: 70000 },
      { name: 'http', protocol: 'TCPX', port: 80 },
      { name: 'Bad_', protocol: 'TCP' },
    ],
  };
  assert.deepEqual(lines(validateEndpointSlice(slice)), [
    'ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
    'ports[1].name: Duplicate value: "http"',
    'ports[1].protocol: Unsupported value: "TCPX": supported values: "SCTP", "TCP", "UDP"',
    `ports[2].name: Invalid value: "Bad_": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
  ]);
});

test('a port given as a string (a rule injection attempt) is a type error, not stored text', () => {
  const slice = { ...goodSlice, ports: [{ protocol: 'TCP', port: '80\n-A KUBE-SERVICES -j ACCEPT' }] };
  assert.deepEqual(lines(validateEndpointSlice(slice)), [
    'ports[0].port: Invalid value: "string": ports[0].port in body must be of type integer: "string"',
  ]);
});

test('addresses must be valid for the address type and not special', () => {
  const slice = { ...goodSlice, endpoints: [{ addresses: ['10.0.0.1\n-A X', '127.0.0.1', '::1'] }] };
  assert.deepEqual(lines(validateEndpointSlice(slice)), [
    'endpoints[0].addresses[0]: Invalid value: "10.0.0.1\\n-A X": must be a valid IPv4 address',
    'endpoints[0].addresses[1]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    'endpoints[0].addresses[2]: Invalid value: "::1": must be a valid IPv4 address',
    'endpoints[0].addresses[2]: Invalid value: "::1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
  ]);
  const fqdn = { metadata, addressType: 'FQDN', endpoints: [{ addresses: ['single'] }] };
  assert.deepEqual(lines(validateEndpointSlice(fqdn)), [
    'endpoints[0].addresses[0]: Invalid value: "single": should be a domain with at least two segments separated by dots',
  ]);
});

test('addressType, empty address lists, node names and hostnames', () => {
  const slice = { metadata, addressType: 'Foo', endpoints: [{ addresses: [], hostname: 'a.b', nodeName: 'N_1' }] };
  const errors = lines(validateEndpointSlice(slice));
  assert.equal(errors[0], 'addressType: Unsupported value: "Foo": supported values: "FQDN", "IPv4", "IPv6"');
  assert.equal(errors[1], 'endpoints[0].addresses: Required value: must contain at least 1 address');
  assert.match(errors[2] ?? '', /^endpoints\[0\]\.nodeName: Invalid value: "N_1": a lowercase RFC 1123 subdomain/);
  assert.equal(errors[3], 'endpoints[0].hostname: Invalid value: "a.b": must not contain dots');
  assert.deepEqual(lines(validateEndpointSlice({ metadata })), ['addressType: Required value']);
});

test('limits: 1000 endpoints, 100 addresses each', () => {
  const many = Array.from({ length: 1001 }, () => ({ addresses: ['10.0.0.1'] }));
  assert.deepEqual(lines(validateEndpointSlice({ metadata, addressType: 'IPv4', endpoints: many })), [
    'endpoints: Too many: 1001: must have at most 1000 items',
  ]);
  const addresses = Array.from({ length: 101 }, (_, i) => `10.0.0.${String((i % 250) + 1)}`);
  assert.deepEqual(lines(validateEndpointSlice({ metadata, addressType: 'IPv4', endpoints: [{ addresses }] })), [
    'endpoints[0].addresses: Too many: 101: must have at most 100 items',
  ]);
});

test('addressType is immutable', () => {
  const updated = { ...goodSlice, metadata: { ...metadata, resourceVersion: '2' }, addressType: 'IPv6', endpoints: [] };
  assert.deepEqual(lines(validateEndpointSliceUpdate(updated, goodSlice)), [
    'addressType: Invalid value: "IPv6": field is immutable',
  ]);
});

test('ports default to TCP with an empty name', () => {
  const defaulted = defaultEndpointSlice({ ...goodSlice, ports: [{ port: 80 }] });
  assert.deepEqual(defaulted.ports, [{ name: '', protocol: 'TCP', port: 80 }]);
});
