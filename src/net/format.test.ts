import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatIP, normalizeIP } from './format.ts';
import { parseIP, type IPAddress } from './ip.ts';

function ip(text: string): IPAddress {
  return parseIP(text, { sloppy: true }) ?? assert.fail(`not an address: ${text}`);
}

test('addresses print as Go prints them', () => {
  const cases: [string, string][] = [
    ['10.96.0.1', '10.96.0.1'],
    ['010.096.000.010', '10.96.0.10'],
    ['0.0.0.0', '0.0.0.0'],
    ['FD00:0:0:0:0:0:0:1', 'fd00::1'],
    ['FD00:0010:0180:0000:0000:0000:0002:0001', 'fd00:10:180::2:1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // the first of two equal runs
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'], // the longest run wins
    ['2001:0db8:0000:0000:0000:0000:0002:0001', '2001:db8::2:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // a single zero group stays
    ['1:0:1:1:1:1:1:1', '1:0:1:1:1:1:1:1'],
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['fd00::', 'fd00::'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['64:ff9b::1.2.3.4', '64:ff9b::102:304'],
    ['::1.2.3.4', '::102:304'],
    // Not unmapped, so printed as the IPv6 address it is.
    ['::ffff:1.2.3.4', '::ffff:102:304'],
  ];
  for (const [input, printed] of cases) assert.equal(formatIP(ip(input)), printed, input);
});

test('inet_ntop style (iptables-save) ends IPv4-mapped and -compatible addresses in a dotted quad', () => {
  const cases: [string, string][] = [
    ['::ffff:1.2.3.4', '::ffff:1.2.3.4'],
    ['::ffff:0.0.0.0', '::ffff:0.0.0.0'],
    ['::1.2.3.4', '::1.2.3.4'],
    ['::1', '::1'],
    ['::', '::'],
    ['::1:ffff:1.2.3.4', '::1:ffff:102:304'],
    ['64:ff9b::1.2.3.4', '64:ff9b::102:304'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
    ['1:0:0:2:0:0:3:4', '1::2:0:0:3:4'],
    ['FD00:0010:0:0:0:0:0:0', 'fd00:10::'],
    ['10.0.0.1', '10.0.0.1'],
  ];
  for (const [input, printed] of cases) assert.equal(formatIP(ip(input), { style: 'inet_ntop' }), printed, input);
});

test('normalizeIP reads sloppily and prints as Go does', () => {
  assert.equal(normalizeIP('172.30.0.041'), '172.30.0.41');
  assert.equal(normalizeIP('192.168.099.022'), '192.168.99.22');
  assert.equal(normalizeIP('010.000.000.001'), '10.0.0.1');
  assert.equal(normalizeIP('1.2.3.004'), '1.2.3.4');
  assert.equal(normalizeIP('10.0.0.1'), '10.0.0.1');
  assert.equal(normalizeIP('FD00:0010:0180:0000:0000:0000:0002:0001'), 'fd00:10:180::2:1');
  assert.equal(normalizeIP('::ffff:1.2.3.4'), '1.2.3.4'); // IPv4-mapped is IPv4 to Go's net.IP
  assert.equal(normalizeIP('64:ff9b::1.2.3.4'), '64:ff9b::102:304');
  for (const text of ['', '1.2.3', '1.2.3.256', '1.2.3.4.5', 'a.b.c.d', '1::2::3', ':1', 'fe80::1%eth0']) {
    assert.equal(normalizeIP(text), undefined, text);
  }
});

test('property: Go-style IPv6 agrees with the WHATWG serialiser, which never ends in a dotted quad', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (v) => {
      const text = formatIP({ family: 'IPv6', value: v });
      assert.equal(text, new URL(`http://[${text}]/`).hostname.slice(1, -1));
    }),
    { numRuns: 300 },
  );
});
