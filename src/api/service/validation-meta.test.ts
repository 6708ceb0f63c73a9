import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { clusterIPService as cip, nodePortService as np, validationLines } from './test-fixtures.ts';

const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, " +
  "and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is " +
  "'[a-z]([-a-z0-9]*[a-z0-9])?')";
const RFC1123_LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end " +
  "with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is " +
  "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const RFC1123_SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start " +
  "and end with an alphanumeric character (e.g. 'example.com', regex used for validation is " +
  "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const QUALIFIED_NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an " +
  "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is " +
  "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

const externalName = (spec: Partial<NonNullable<Service['spec']>>): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'ext', namespace: 'default' },
  spec: { type: 'ExternalName', sessionAffinity: 'None', ...spec },
});

const externalNameCases: [string, Service, string[]][] = [
  ['ExternalName with a trailing dot is valid', externalName({ externalName: 'db.example.com.' }), []],
  ['ExternalName without a name', externalName({}), ['spec.externalName: Required value']],
  [
    'ExternalName with IP fields',
    externalName({
      externalName: 'Bad_Host',
      clusterIP: '10.96.0.5',
      clusterIPs: ['10.96.0.5'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    }),
    [
      'spec.clusterIPs: Forbidden: may not be set for ExternalName services',
      'spec.ipFamilies: Forbidden: may not be set for ExternalName services',
      'spec.ipFamilyPolicy: Forbidden: may not be set for ExternalName services',
      `spec.externalName: Invalid value: "Bad_Host": ${RFC1123_SUBDOMAIN}`,
    ],
  ],
];

const metadataCases: [string, Service, string[]][] = [
  [
    'no name, no namespace',
    cip({}, { name: '', namespace: '' }),
    ['metadata.name: Required value: name or generateName is required', 'metadata.namespace: Required value'],
  ],
  [
    'a bad generateName prefix and namespace',
    cip({}, { generateName: 'Web-', namespace: 'Prod' }),
    [
      `metadata.generateName: Invalid value: "Web-": ${DNS1035}`,
      `metadata.namespace: Invalid value: "Prod": ${RFC1123_LABEL}`,
    ],
  ],
  ['a generateName ending in a dash is fine', cip({}, { generateName: 'web-' }), []],
  [
    'bad labels, annotations and finalizers',
    cip({}, { labels: { ok: '-bad-' }, annotations: { 'a/b/c': 'x' }, finalizers: ['custom'] }),
    [
      "metadata.labels: Invalid value: \"-bad-\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      "metadata.annotations: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      'metadata.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
    ],
  ],
  [
    'a name longer than 63 characters',
    cip({}, { name: 'a'.repeat(64) }),
    [`metadata.name: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`],
  ],
];

for (const [name, svc, expected] of [...externalNameCases, ...metadataCases]) {
  test(`validateService: ${name}`, () => {
    assert.deepEqual(validationLines(svc), expected);
  });
}

test('validateService reports errors in upstream order', () => {
  const svc = np(
    {
      type: 'NodePort',
      externalTrafficPolicy: '',
      sessionAffinity: 'Sticky',
      clusterIPs: ['10.96.0.11'],
      ports: [
        { port: 0, protocol: 'TCP', targetPort: 80, nodePort: 30001 },
        { port: 0, protocol: 'TCP', targetPort: 80, nodePort: 30001 },
      ],
      selector: { '-x': 'y' },
      externalIPs: ['::1'],
      allocateLoadBalancerNodePorts: false,
    },
    { name: 'Bad' },
  );
  assert.deepEqual(validationLines(svc), [
    `metadata.name: Invalid value: "Bad": ${DNS1035}`,
    'spec.ports[0].name: Required value',
    'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
    'spec.ports[1].name: Required value',
    'spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive',
    `spec.selector: Invalid value: "-x": ${QUALIFIED_NAME_PART}`,
    'spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"',
    'spec.clusterIPs: Invalid value: []string{"10.96.0.11"}: first value must match `clusterIP`',
    'spec.externalIPs[0]: Invalid value: "::1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    'spec.ports[1].nodePort: Duplicate value: 30001',
    'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:0, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    "spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'",
    'spec.externalTrafficPolicy: Required value',
  ]);
});
