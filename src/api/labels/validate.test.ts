import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorString } from '../field-errors.ts';
import { validateLabels, validateLabelSelector } from './validate.ts';

const nameRule =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric " +
  "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is " +
  "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

test('label keys and values are validated with upstream messages', () => {
  const lines = validateLabels(
    { 'bad key': 'ok', good: 'x'.repeat(64), 'a.com/': 'v', 'A_/b': 'v' },
    'spec.selector',
  ).map(fieldErrorString);
  assert.deepEqual(lines, [
    `spec.selector: Invalid value: "A_/b": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    'spec.selector: Invalid value: "a.com/": name part must be non-empty',
    `spec.selector: Invalid value: "a.com/": ${nameRule}`,
    `spec.selector: Invalid value: "bad key": ${nameRule}`,
    `spec.selector: Invalid value: "${'x'.repeat(64)}": must be no more than 63 characters`,
  ]);
  assert.deepEqual(validateLabels({ app: 'web', 'example.com/tier': '' }, 'metadata.labels'), []);
});

test('metav1.LabelSelector validation', () => {
  const lines = validateLabelSelector(
    {
      matchLabels: { ok: 'yes' },
      matchExpressions: [
        { key: 'a', operator: 'In' },
        { key: 'b', operator: 'Exists', values: ['x'] },
        { key: 'c', operator: 'Gt', values: ['-1'] },
      ],
    },
    'spec.selector',
  ).map(fieldErrorString);
  assert.deepEqual(lines, [
    "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
    'spec.selector.matchExpressions[2].operator: Invalid value: "Gt": not a valid selector operator',
    "spec.selector.matchExpressions[2].values[0]: Invalid value: \"-1\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  ]);
});
