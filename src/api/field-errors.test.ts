import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  duplicate,
  fieldErrorString,
  forbidden,
  goStringSlice,
  invalid,
  notSupported,
  required,
} from './field-errors.ts';

test('field errors print as apimachinery prints them', () => {
  const cases: [string, string][] = [
    [
      fieldErrorString(invalid('spec.ports[0].nodePort', 31155, 'provided port is already allocated')),
      'spec.ports[0].nodePort: Invalid value: 31155: provided port is already allocated',
    ],
    [fieldErrorString(required('spec.ports[0].name')), 'spec.ports[0].name: Required value'],
    [fieldErrorString(duplicate('spec.ports[1].nodePort', 30100)), 'spec.ports[1].nodePort: Duplicate value: 30100'],
    [
      fieldErrorString(forbidden('spec.ports[0].nodePort', "may not be used when `type` is 'ClusterIP'")),
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ],
    [
      fieldErrorString(notSupported('spec.sessionAffinity', 'Sticky', ['ClientIP', 'None'])),
      'spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"',
    ],
    [
      fieldErrorString(invalid('spec.clusterIPs[0]', goStringSlice(['10.96.0.99']), 'may not change once set')),
      'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.99"}: may not change once set',
    ],
  ];
  for (const [actual, expected] of cases) assert.equal(actual, expected);
});
