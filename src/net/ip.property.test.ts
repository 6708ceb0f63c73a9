import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatCIDR, parseCIDR } from './cidr.ts';
import { formatIP } from './format.ts';
import { parseIP, type IPAddress } from './ip.ts';

const v4 = fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }).map((value): IPAddress => ({ family: 'IPv4', value }));
const v6 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }).map((value): IPAddress => ({ family: 'IPv6', value }));
// Small groups, so zero runs, embedded quads and ties are common.
const v6Sparse = fc
  .array(fc.constantFrom(0, 0, 0, 1, 0xffff, 0x102), { minLength: 8, maxLength: 8 })
  .map((groups): IPAddress => ({ family: 'IPv6', value: groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n) }));
// Text that is often nearly an address.
const addressLike = fc
  .array(fc.constantFrom('0', '1', '00', '255', '256', 'ffff', 'fd00', '00fd00', '.', ':', '::', '%'), {
    maxLength: 12,
  })
  .map((parts) => parts.join(''));

test('property: parse∘format round-trips every address, strictly, in both styles', () => {
  fc.assert(
    fc.property(fc.oneof(v4, v6, v6Sparse), (ip) => {
      assert.deepEqual(parseIP(formatIP(ip)), ip);
      assert.deepEqual(parseIP(formatIP(ip, { style: 'inet_ntop' })), ip);
    }),
    { numRuns: 1000 },
  );
});

test('property: formatted CIDRs parse back to themselves', () => {
  fc.assert(
    fc.property(fc.oneof(v4, v6), fc.nat(128), (ip, n) => {
      const prefix = ip.family === 'IPv4' ? n % 33 : n;
      const cidr = parseCIDR(`${formatIP(ip)}/${prefix}`);
      assert.ok(cidr);
      assert.deepEqual(parseCIDR(formatCIDR(cidr)), cidr);
    }),
    { numRuns: 300 },
  );
});

test('property: generated address texts parse strictly; IPv4 prints back exactly', () => {
  fc.assert(
    fc.property(fc.ipV4(), (text) => {
      const ip = parseIP(text);
      assert.ok(ip, text);
      assert.equal(formatIP(ip), text);
    }),
    { numRuns: 200 },
  );
  fc.assert(
    fc.property(fc.ipV6(), (text) => {
      const ip = parseIP(text);
      assert.ok(ip, text);
      assert.deepEqual(parseIP(formatIP(ip)), ip);
    }),
    { numRuns: 300 },
  );
});

test('property: sloppy accepts everything strict does, with the same value', () => {
  fc.assert(
    fc.property(fc.oneof(addressLike, fc.ipV4(), fc.ipV4Extended(), fc.ipV6()), (text) => {
      const strict = parseIP(text);
      if (strict !== undefined) assert.deepEqual(parseIP(text, { sloppy: true }), strict, text);
    }),
    { numRuns: 2000 },
  );
});

test('property: zero-padded IPv4 fields are sloppy-only, and read as decimal', () => {
  fc.assert(
    fc.property(v4, fc.array(fc.nat(3), { minLength: 4, maxLength: 4 }), (ip, pads) => {
      const fields = formatIP(ip).split('.');
      const padded = fields.map((field, i) => '0'.repeat(pads[i] ?? 0) + field).join('.');
      assert.deepEqual(parseIP(padded, { sloppy: true }), ip);
      if (pads.some((pad) => pad > 0)) assert.equal(parseIP(padded), undefined, padded);
    }),
    { numRuns: 300 },
  );
});
