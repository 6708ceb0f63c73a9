import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEFAULT_NODE_PORT_RANGE,
  formatPortRange,
  invalidFlagMessage,
  NODE_PORT_RANGE_FLAG,
  parsePortRange,
  portRangeContains,
} from './port-range.ts';

test('parses the three notations as apimachinery does', () => {
  const cases: [string, number, number, string][] = [
    ['30000-32767', 30000, 2768, '30000-32767'],
    [' 30000-32767 ', 30000, 2768, '30000-32767'],
    ['30000+2767', 30000, 2768, '30000-32767'],
    ['30000+2768', 30000, 2769, '30000-32768'],
    ['8080', 8080, 1, '8080-8080'],
    ['', 0, 0, ''],
  ];
  for (const [input, base, size, printed] of cases) {
    const parsed = parsePortRange(input);
    assert.ok(parsed.ok, input);
    assert.deepEqual(parsed.range, { base, size }, input);
    assert.equal(formatPortRange(parsed.range), printed);
  }
  assert.deepEqual(parsePortRange('30000-32767'), { ok: true, range: DEFAULT_NODE_PORT_RANGE });
});

test('bad ranges give apimachinery error text', () => {
  const cases: [string, string][] = [
    ['abc', 'strconv.Atoi: parsing "abc": invalid syntax'],
    ['30000-', 'strconv.Atoi: parsing "": invalid syntax'],
    ['-5', 'strconv.Atoi: parsing "": invalid syntax'],
    ['1 - 2', 'strconv.Atoi: parsing "1 ": invalid syntax'],
    ['30000+x', 'strconv.Atoi: parsing "x": invalid syntax'],
    ['1-99999999999999999999', 'strconv.Atoi: parsing "99999999999999999999": value out of range'],
    ['1-2+3', 'unable to parse port range: 1-2+3'],
    ['+5-10', 'unable to parse port range: +5-10'],
    ['30000-70000', 'the port range cannot be greater than 65535: 30000-70000'],
    ['65000+1000', 'the port range cannot be greater than 65535: 65000+1000'],
    ['32767-30000', 'end port cannot be less than start port: 32767-30000'],
  ];
  for (const [input, error] of cases) assert.deepEqual(parsePortRange(input), { ok: false, error }, input);
});

test('flag errors read as kube-apiserver prints them', () => {
  assert.equal(
    invalidFlagMessage(NODE_PORT_RANGE_FLAG, '32767-30000', 'end port cannot be less than start port: 32767-30000'),
    'invalid argument "32767-30000" for "--service-node-port-range" flag: end port cannot be less than start port: 32767-30000',
  );
});

test('contains covers both ends only', () => {
  assert.equal(portRangeContains(DEFAULT_NODE_PORT_RANGE, 29999), false);
  assert.equal(portRangeContains(DEFAULT_NODE_PORT_RANGE, 30000), true);
  assert.equal(portRangeContains(DEFAULT_NODE_PORT_RANGE, 32767), true);
  assert.equal(portRangeContains(DEFAULT_NODE_PORT_RANGE, 32768), false);
});
