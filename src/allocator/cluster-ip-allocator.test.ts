import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseCIDR } from '../net/index.ts';
import {
  ClusterIPAllocator,
  kubernetesServiceIP,
  NETWORK_MISMATCH_MESSAGE,
  parseServiceIP,
  serviceCIDRSizeError,
} from './cluster-ip-allocator.ts';
import { seededRandom } from './random.ts';

const notInRange = (ip: string): string =>
  `the provided IP (${ip}) is not in the valid range. The range of valid IPs is 10.96.0.0/12`;

test('messages are upstream words', () => {
  const pool = new ClusterIPAllocator('10.96.0.0/12');
  assert.equal(pool.allocate('10.96.0.5'), undefined);
  const cases: [string, string, string][] = [
    ['10.96.0.5', 'AlreadyAllocated', 'provided IP is already allocated'],
    ['1.1.1.1', 'NotInRange', notInRange('1.1.1.1')],
    ['10.96.0.0', 'NotInRange', notInRange('10.96.0.0')],
    ['10.111.255.255', 'NotInRange', notInRange('10.111.255.255')],
    ['fd00::1', 'NotInRange', notInRange('fd00::1')],
  ];
  for (const [ip, code, message] of cases) assert.deepEqual(pool.allocate(ip), { code, message }, ip);
  const full = new ClusterIPAllocator('10.0.0.0/30');
  assert.equal(full.allocateNext().ok, true);
  assert.equal(full.allocateNext().ok, true);
  assert.deepEqual(full.allocateNext(), { ok: false, error: { code: 'RangeFull', message: 'range is full' } });
});

test('a /12 holds 1,048,574 addresses with a 256-address static band', () => {
  const pool = new ClusterIPAllocator('10.96.0.0/12', { random: seededRandom(9) });
  assert.equal(pool.size, 1_048_574);
  assert.equal(pool.staticBandSize, 256);
  assert.equal(pool.firstAddress(), '10.96.0.1');
  const start = performance.now();
  for (let i = 0; i < 20_000; i++) {
    const result = pool.allocateNext();
    assert.ok(result.ok);
    const value = parseServiceIP(result.value)?.value ?? 0n;
    // 10.96.0.1 … 10.96.1.0 is the static band.
    assert.ok(value > (parseServiceIP('10.96.1.0')?.value ?? 0n));
  }
  assert.ok(performance.now() - start < 1000, 'fast enough for a /12');
});

test('network and broadcast addresses are never handed out', () => {
  const pool = new ClusterIPAllocator('192.168.0.0/28', { random: seededRandom(2) });
  assert.equal(pool.size, 14);
  assert.equal(pool.staticBandSize, 0);
  const given = Array.from({ length: 14 }, () => {
    const result = pool.allocateNext();
    return result.ok ? result.value : '';
  });
  assert.deepEqual(
    [...given].sort((a, b) => Number(a.split('.')[3]) - Number(b.split('.')[3])),
    Array.from({ length: 14 }, (_, i) => `192.168.0.${i + 1}`),
  );
  assert.equal(pool.allocateNext().ok, false);
  assert.equal(pool.contains('192.168.0.0'), false);
  assert.equal(pool.contains('192.168.0.15'), false);
  pool.release('192.168.0.15');
  assert.equal(pool.used(), 14);
});

test('in a /24, dynamic picks avoid .1-.16 until the rest is gone', () => {
  const pool = new ClusterIPAllocator('10.0.0.0/24', { random: seededRandom(4) });
  assert.equal(pool.staticBandSize, 16);
  const lastOctet = (): number => {
    const result = pool.allocateNext();
    return result.ok ? Number(result.value.split('.')[3]) : -1;
  };
  const upper = Array.from({ length: 254 - 16 }, lastOctet);
  assert.ok(upper.every((octet) => octet >= 17 && octet <= 254));
  const lower = Array.from({ length: 16 }, lastOctet);
  assert.deepEqual(
    lower.sort((a, b) => a - b),
    Array.from({ length: 16 }, (_, i) => i + 1),
  );
});

test('IPv6 pools skip only the network address and cap at 65535 addresses', () => {
  const small = new ClusterIPAllocator('fd00::/126');
  assert.equal(small.size, 3);
  assert.equal(small.firstAddress(), 'fd00::1');
  assert.equal(small.allocate('fd00::3'), undefined);
  assert.equal(small.allocate('fd00::')?.code, 'NotInRange');
  const large = new ClusterIPAllocator('fd00:10:96::/108');
  assert.equal(large.size, 65535);
  assert.equal(large.staticBandSize, 256);
  assert.equal(large.allocate('fd00:10:96::1:0')?.code, 'NotInRange');
});

test('the kubernetes Service IP is the first usable address', () => {
  assert.equal(kubernetesServiceIP('10.96.0.0/12'), '10.96.0.1');
  assert.equal(kubernetesServiceIP('10.0.0.0/24'), '10.0.0.1');
  assert.equal(kubernetesServiceIP('fd00:10:96::/112'), 'fd00:10:96::1');
  assert.equal(kubernetesServiceIP('10.0.0.0/32'), undefined);
  assert.equal(new ClusterIPAllocator('10.0.0.0/31').firstAddress(), undefined);
});

test('the CIDR size check matches kube-apiserver', () => {
  const check = (text: string): string | undefined => {
    const cidr = parseCIDR(text, { sloppy: true });
    assert.ok(cidr, text);
    return serviceCIDRSizeError(cidr);
  };
  assert.equal(check('10.96.0.0/12'), undefined);
  assert.equal(
    check('10.0.0.0/8'),
    'specified --service-cluster-ip-range is too large; for 32-bit addresses, the mask must be >= 12',
  );
  assert.equal(
    check('fd00::/64'),
    'specified --service-cluster-ip-range is too large; for 128-bit addresses, the mask must be >= 108',
  );
  assert.throws(() => new ClusterIPAllocator('10.96.0.0'), { message: 'invalid CIDR address: 10.96.0.0' });
});

test('snapshot and restore; another CIDR is refused', () => {
  const pool = new ClusterIPAllocator('10.96.0.0/12');
  pool.allocate('10.96.0.10');
  const saved = pool.snapshot();
  assert.equal(saved.range, '10.96.0.0/12');
  pool.allocate('10.96.0.11');
  pool.restore(saved);
  assert.deepEqual(pool.values(), ['10.96.0.10']);
  assert.throws(
    () => {
      new ClusterIPAllocator('10.0.0.0/24').restore(saved);
    },
    { message: NETWORK_MISMATCH_MESSAGE },
  );
});

test('a small CIDR is full after exactly size allocations, never giving an address twice (property)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 24, max: 30 }), fc.integer(), (prefix, seed) => {
      const pool = new ClusterIPAllocator(`10.1.2.0/${prefix}`, { random: seededRandom(seed) });
      const given = new Set<string>();
      for (let i = 0; i < pool.size; i++) {
        const result = pool.allocateNext();
        assert.ok(result.ok && pool.contains(result.value) && !given.has(result.value));
        given.add(result.value);
      }
      assert.equal(given.size, 2 ** (32 - prefix) - 2);
      assert.equal(pool.allocateNext().ok, false);
    }),
    { numRuns: 50 },
  );
});
