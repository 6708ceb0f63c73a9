import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
  nameIsDNS1035Label,
} from './names.ts';

test('DNS-1035 labels (Service names)', () => {
  assert.deepEqual(isDNS1035Label('web-1'), []);
  assert.deepEqual(isDNS1035Label('1web'), [
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
  ]);
  assert.equal(isDNS1035Label('a'.repeat(64))[0], 'must be no more than 63 characters');
  assert.deepEqual(nameIsDNS1035Label('web-', true), [], 'a generateName prefix may end with a dash');
  assert.equal(nameIsDNS1035Label('web-', false).length, 1);
});

test('RFC 1123 labels and subdomains', () => {
  assert.deepEqual(isDNS1123Label('123-abc'), []);
  assert.deepEqual(isDNS1123Label('a.b'), ['must not contain dots']);
  assert.equal(isDNS1123Label('A').length, 1);
  assert.deepEqual(isDNS1123Subdomain('db.example.com'), []);
  assert.equal(isDNS1123Subdomain(`${'a'.repeat(250)}.com`)[0], 'must be no more than 253 characters');
});

test('qualified names and label values', () => {
  assert.deepEqual(isQualifiedName('example.com/MyName'), []);
  assert.deepEqual(isQualifiedName('/a'), ['prefix part must be non-empty']);
  assert.equal(isQualifiedName('a'.repeat(64))[0], 'name part must be no more than 63 characters');
  assert.deepEqual(isValidLabelValue(''), []);
  assert.deepEqual(isValidLabelValue('a_b.c-d'), []);
  assert.equal(isValidLabelValue('a b').length, 1);
});

test('port numbers and IANA service names', () => {
  assert.deepEqual(isValidPortNum(65535), []);
  assert.deepEqual(isValidPortNum(0), ['must be between 1 and 65535, inclusive']);
  assert.deepEqual(isValidPortName('http-alt'), []);
  assert.deepEqual(isValidPortName('8080'), ['must contain at least one letter (a-z)']);
});
