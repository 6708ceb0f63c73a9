import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Service, ServicePort, ServiceSpec } from 'kubernetes-types/core/v1.d.ts';
import { allocateServiceCreate, allocateServiceUpdate, releaseService } from './service-allocation.ts';
import type { AllocationOutcome, ServiceAllocators } from './service-allocators.ts';
import { isNodePortType, needsHealthCheck } from './service-fields.ts';
import { expectFailure, makeAllocators, makeService, port, stateOf } from './testing.ts';

// Small pools so that collisions, fallback into the static band and exhaustion all happen.
const PORT_RANGE = { base: 30000, size: 20 };
const CIDR = '10.0.0.0/27';

const shapeArbitrary = fc.record({
  type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'),
  ports: fc.array(
    fc.record({
      port: fc.constantFrom(53, 80, 443),
      protocol: fc.constantFrom('TCP', 'UDP'),
      request: fc.option(fc.integer({ min: 29998, max: 30021 }), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  local: fc.boolean(),
  allocateLoadBalancerNodePorts: fc.boolean(),
  healthRequest: fc.option(fc.integer({ min: 30000, max: 30019 }), { nil: undefined }),
  clusterIPHost: fc.option(fc.integer({ min: 0, max: 33 }), { nil: undefined }),
});
type Shape = typeof shapeArbitrary extends fc.Arbitrary<infer T> ? T : never;

const name = fc.nat({ max: 3 }).map((n) => `svc-${n}`);
// One operation in five is reverted, as after a failed store write.
const revert = fc.nat({ max: 4 }).map((n) => n === 0);
const opArbitrary = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('create' as const), name, shape: shapeArbitrary, revert }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      name,
      shape: shapeArbitrary,
      keepNodePorts: fc.boolean(),
      revert,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), name }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('takePort' as const),
      port: fc.option(fc.integer({ min: 29999, max: 30020 })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('takeIP' as const), host: fc.option(fc.integer({ min: 0, max: 32 })) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('freePort' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('freeIP' as const), pick: fc.nat() }) },
);
type Op = typeof opArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** A valid spec for the shape; on update, immutable and server-set fields come from the old Service. */
function specFor(shape: Shape, old?: Service): ServiceSpec {
  if (shape.type === 'ExternalName') return { type: 'ExternalName', externalName: 'example.com' };
  const nodePorts = shape.type !== 'ClusterIP';
  const spec: ServiceSpec = { type: shape.type, selector: { app: 'x' }, ports: portsFor(shape, nodePorts, old) };
  if (nodePorts) spec.externalTrafficPolicy = shape.local ? 'Local' : 'Cluster';
  if (shape.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts = shape.allocateLoadBalancerNodePorts;
  const oldSpec = old?.spec;
  if (spec.externalTrafficPolicy === 'Local' && shape.type === 'LoadBalancer') {
    const health = old && needsHealthCheck(old) ? oldSpec?.healthCheckNodePort : shape.healthRequest;
    if (health !== undefined) spec.healthCheckNodePort = health;
  }
  if (oldSpec && oldSpec.type !== 'ExternalName') {
    for (const key of ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy'] as const) {
      if (oldSpec[key] !== undefined) Object.assign(spec, { [key]: oldSpec[key] });
    }
  } else if (shape.clusterIPHost !== undefined) {
    spec.clusterIP = `10.0.0.${shape.clusterIPHost}`;
  }
  return spec;
}

/** Distinct (port, protocol) pairs, no (protocol, nodePort) twice: what validation would let through. */
function portsFor(shape: Shape, nodePorts: boolean, old?: Service): ServicePort[] {
  const result: ServicePort[] = [];
  const seen = new Set<string>();
  for (const { port: number, protocol, request } of shape.ports) {
    if (result.some((p) => p.port === number && p.protocol === protocol)) continue;
    const kept = old?.spec?.ports?.find((p) => p.port === number && p.protocol === protocol)?.nodePort;
    let nodePort = nodePorts ? (request ?? (old && isNodePortType(old) ? kept : undefined)) : undefined;
    if (nodePort !== undefined && seen.has(`${protocol}/${nodePort}`)) nodePort = undefined;
    if (nodePort !== undefined) seen.add(`${protocol}/${nodePort}`);
    result.push(port(number, nodePort, protocol));
  }
  return result;
}

/** Every value held, by owner; fails on a value held by two owners; checks the allocators hold exactly these. */
function checkOwnership(allocators: ServiceAllocators, services: Map<string, Service>, manual: Manual): void {
  const portOwner = new Map<number, string>();
  const ipOwner = new Map<string, string>();
  const claim = <T>(owners: Map<T, string>, value: T, owner: string): void => {
    const holder = owners.get(value);
    assert.ok(holder === undefined || holder === owner, `${String(value)} held by ${holder ?? ''} and ${owner}`);
    owners.set(value, owner);
  };
  for (const [key, service] of services) {
    for (const p of service.spec?.ports ?? []) if (p.nodePort) claim(portOwner, p.nodePort, key);
    if (needsHealthCheck(service) && service.spec?.healthCheckNodePort) {
      assert.ok(
        !portOwner.has(service.spec.healthCheckNodePort) || portOwner.get(service.spec.healthCheckNodePort) !== key,
      );
      claim(portOwner, service.spec.healthCheckNodePort, `${key}/health`);
    }
    for (const ip of service.spec?.clusterIPs ?? []) claim(ipOwner, ip, key);
  }
  for (const p of manual.ports) claim(portOwner, p, 'manual');
  for (const ip of manual.ips) claim(ipOwner, ip, 'manual');
  const byNumber = (a: number, b: number): number => a - b;
  assert.deepEqual(
    allocators.nodePorts.values(),
    [...portOwner.keys()].sort(byNumber),
    'nodePorts: no leak, none missing',
  );
  const ipOrder = (ip: string): number => Number(ip.split('.')[3]);
  const held = [...ipOwner.keys()].sort((a, b) => ipOrder(a) - ipOrder(b));
  assert.deepEqual(allocators.clusterIPs[0]?.values(), held, 'ClusterIPs: no leak, none missing');
}

interface Manual {
  ports: number[];
  ips: string[];
}

/** Finishes an outcome: on success commits (or reverts, as after a failed store write); on failure checks nothing moved. */
function settle(
  allocators: ServiceAllocators,
  outcome: AllocationOutcome,
  before: unknown,
  revert: boolean,
): Service | undefined {
  if (!outcome.ok || revert) {
    if (outcome.ok) outcome.transaction.revert();
    assert.deepEqual(stateOf(allocators), before, 'a failed or reverted operation leaves the allocators as they were');
    return undefined;
  }
  outcome.transaction.commit();
  return outcome.service;
}

/** Takes a value straight from an allocator (a chosen one, or any when `wanted` is null), owned by "manual". */
function takeManually<T>(
  owned: T[],
  wanted: T | null,
  pool: { allocate(value: T): unknown; allocateNext(): { ok: true; value: T } | { ok: false } },
): void {
  if (wanted === null) {
    const next = pool.allocateNext();
    if (next.ok) owned.push(next.value);
  } else if (pool.allocate(wanted) === undefined) {
    owned.push(wanted);
  }
}

function apply(allocators: ServiceAllocators, services: Map<string, Service>, manual: Manual, op: Op): void {
  const before = stateOf(allocators);
  const old = 'name' in op ? services.get(op.name) : undefined;
  if (op.kind === 'create' && !old) {
    const created = settle(
      allocators,
      allocateServiceCreate(allocators, makeService(op.name, specFor(op.shape))),
      before,
      op.revert,
    );
    if (created) services.set(op.name, created);
  } else if (op.kind === 'update' && old) {
    const next = makeService(
      op.name,
      specFor(op.shape, op.keepNodePorts ? old : { ...old, spec: { ...old.spec, ports: [] } }),
    );
    const updated = settle(allocators, allocateServiceUpdate(allocators, old, next), before, op.revert);
    if (updated) services.set(op.name, updated);
  } else if (op.kind === 'delete' && old) {
    releaseService(allocators, old);
    services.delete(op.name);
  } else if (op.kind === 'takePort') {
    takeManually(manual.ports, op.port, allocators.nodePorts);
  } else if (op.kind === 'takeIP') {
    const pool = allocators.clusterIPs[0];
    if (pool) takeManually(manual.ips, op.host === null ? null : `10.0.0.${op.host}`, pool);
  } else if (op.kind === 'freePort' && manual.ports.length > 0) {
    allocators.nodePorts.release(manual.ports.splice(op.pick % manual.ports.length, 1)[0] ?? 0);
  } else if (op.kind === 'freeIP' && manual.ips.length > 0) {
    allocators.clusterIPs[0]?.release(manual.ips.splice(op.pick % manual.ips.length, 1)[0] ?? '');
  }
}

test('no port or IP ever has two owners, and nothing leaks (property)', () => {
  fc.assert(
    fc.property(fc.array(opArbitrary, { minLength: 20, maxLength: 60 }), fc.integer(), (ops, seed) => {
      const allocators = makeAllocators({ ports: PORT_RANGE, cidrs: [CIDR], seed });
      const services = new Map<string, Service>();
      const manual: Manual = { ports: [], ips: [] };
      for (const op of ops) {
        apply(allocators, services, manual, op);
        checkOwnership(allocators, services, manual);
      }
    }),
    { numRuns: 100 },
  );
});

test('create then delete gives back exactly what was taken (property)', () => {
  fc.assert(
    fc.property(fc.array(shapeArbitrary, { maxLength: 4 }), shapeArbitrary, fc.integer(), (existing, shape, seed) => {
      const allocators = makeAllocators({ ports: PORT_RANGE, cidrs: [CIDR], seed });
      existing.forEach((s, i) => {
        const outcome = allocateServiceCreate(allocators, makeService(`old-${i}`, specFor(s)));
        if (outcome.ok) outcome.transaction.commit();
      });
      const before = stateOf(allocators);
      const outcome = allocateServiceCreate(allocators, makeService('new', specFor(shape)));
      if (!outcome.ok) return;
      outcome.transaction.commit();
      releaseService(allocators, outcome.service);
      assert.deepEqual(stateOf(allocators), before);
    }),
    { numRuns: 150 },
  );
});

test('a create or update whose last port collides leaves the allocators exactly as before (property)', () => {
  fc.assert(
    fc.property(shapeArbitrary, fc.integer(), fc.boolean(), (shape, seed, asUpdate) => {
      const allocators = makeAllocators({ ports: PORT_RANGE, cidrs: [CIDR], seed });
      const holder = allocateServiceCreate(
        allocators,
        makeService('holder', { type: 'NodePort', ports: [port(9, 30019)] }),
      );
      assert.ok(holder.ok);
      holder.transaction.commit();
      const old = allocateServiceCreate(allocators, makeService('victim', { ports: [port(1)] }));
      assert.ok(old.ok);
      old.transaction.commit();
      const spec = specFor(
        { ...shape, type: 'NodePort', clusterIPHost: undefined },
        asUpdate ? old.service : undefined,
      );
      spec.ports = [...(spec.ports ?? []).map((p) => ({ ...p, nodePort: 0 })), port(9999, 30019)];
      delete spec.healthCheckNodePort;
      const before = stateOf(allocators);
      const outcome = asUpdate
        ? allocateServiceUpdate(allocators, old.service, makeService('victim', spec))
        : allocateServiceCreate(allocators, makeService('fresh', spec));
      const failure = expectFailure(outcome);
      assert.ok(failure.kind === 'Invalid' || failure.message.includes('range is full'));
      assert.deepEqual(stateOf(allocators), before);
    }),
    { numRuns: 150 },
  );
});
