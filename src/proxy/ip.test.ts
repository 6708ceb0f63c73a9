import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  cidrContains,
  formatIP,
  ipFamilyOf,
  isLoopback,
  normalizeCIDR,
  normalizeIP,
  parseCIDRSloppy,
  parseIPSloppy,
} from './ip.ts';

test('IPv4 octets may carry leading zeros and are read as decimal', () => {
  assert.equal(normalizeIP('172.30.0.041'), '172.30.0.41');
  assert.equal(normalizeIP('192.168.099.022'), '192.168.99.22');
  assert.equal(normalizeIP('010.000.000.001'), '10.0.0.1');
  assert.equal(normalizeIP('1.2.3.004'), '1.2.3.4');
});

test('invalid addresses are rejected', () => {
  for (const text of [
    '',
    '1.2.3',
    '1.2.3.256',
    '1.2.3.4.5',
    'a.b.c.d',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '12345::',
    ':1',
    'fe80::1%eth0',
  ]) {
    assert.equal(parseIPSloppy(text), null, text);
  }
});

test('IPv6 prints in Go canonical form', () => {
  assert.equal(normalizeIP('FD00:0010:0180:0000:0000:0000:0002:0001'), 'fd00:10:180::2:1');
  assert.equal(normalizeIP('2001:db8:0:0:1:0:0:1'), '2001:db8::1:0:0:1'); // first of two equal runs
  assert.equal(normalizeIP('2001:0:0:1:0:0:0:1'), '2001:0:0:1::1'); // the longest run wins
  assert.equal(normalizeIP('2001:db8:0:1:1:1:1:1'), '2001:db8:0:1:1:1:1:1'); // a single zero group stays
  assert.equal(normalizeIP('::'), '::');
  assert.equal(normalizeIP('::1'), '::1');
  assert.equal(normalizeIP('1::'), '1::');
  assert.equal(normalizeIP('::ffff:1.2.3.4'), '1.2.3.4'); // IPv4-mapped is IPv4 to Go
  assert.equal(ipFamilyOf('::ffff:1.2.3.4'), 'IPv4');
  assert.equal(normalizeIP('64:ff9b::1.2.3.4'), '64:ff9b::102:304');
});

test('IPv6 formatting agrees with the WHATWG serialiser for non-mapped addresses', () => {
  const address = fc.uint8Array({ minLength: 16, maxLength: 16 }).filter((bytes) => {
    const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
    return !mapped;
  });
  fc.assert(
    fc.property(address, (bytes) => {
      const text = formatIP({ family: 'IPv6', bytes });
      assert.equal(text, new URL(`http://[${text}]/`).hostname.slice(1, -1));
      assert.deepEqual(parseIPSloppy(text)?.bytes, bytes);
    }),
    { numRuns: 300 },
  );
});

test('CIDRs are masked to their network and printed normalised', () => {
  assert.equal(normalizeCIDR('203.0.113.000/025'), '203.0.113.0/25');
  assert.equal(normalizeCIDR('10.1.2.3/8'), '10.0.0.0/8');
  assert.equal(normalizeCIDR('fd00:10::5/64'), 'fd00:10::/64');
  assert.equal(normalizeCIDR('10.0.0.0/33'), null);
  assert.equal(normalizeCIDR('10.0.0.0'), null);
  assert.equal(normalizeCIDR(' 10.0.0.0/8'), null); // trimming is the caller's business
});

test('containment never crosses families', () => {
  const cidr = parseCIDRSloppy('192.168.0.0/24');
  const inside = parseIPSloppy('192.168.0.2');
  const outside = parseIPSloppy('192.168.1.2');
  const v6 = parseIPSloppy('2001:db8::1');
  assert.ok(cidr !== null && inside !== null && outside !== null && v6 !== null);
  assert.equal(cidrContains(cidr, inside), true);
  assert.equal(cidrContains(cidr, outside), false);
  assert.equal(cidrContains(cidr, v6), false);
  const zero = parseCIDRSloppy('::/0');
  assert.ok(zero !== null);
  assert.equal(cidrContains(zero, v6), true);
  assert.equal(cidrContains(zero, inside), false);
});

test('loopback addresses', () => {
  assert.equal(isLoopback(parseIPSloppy('127.0.0.1') ?? assert.fail()), true);
  assert.equal(isLoopback(parseIPSloppy('127.255.0.9') ?? assert.fail()), true);
  assert.equal(isLoopback(parseIPSloppy('::1') ?? assert.fail()), true);
  assert.equal(isLoopback(parseIPSloppy('::2') ?? assert.fail()), false);
  assert.equal(isLoopback(parseIPSloppy('10.0.0.1') ?? assert.fail()), false);
});
