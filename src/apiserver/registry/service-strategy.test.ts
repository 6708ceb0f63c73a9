import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { ClusterIPAllocator } from '../../allocator/cluster-ip-allocator.ts';
import { NodePortAllocator } from '../../allocator/node-port-allocator.ts';
import { seededRandom } from '../../allocator/random.ts';
import { serviceAllocators } from '../../allocator/service-allocators.ts';
import { serviceStrategy } from './service-strategy.ts';
import type { Admission, KubeObject, WriteContext } from './strategy.ts';

const context: WriteContext = { dryRun: false, now: new Date(0) };

function fixture() {
  const random = seededRandom(7);
  const allocators = serviceAllocators(
    new NodePortAllocator(undefined, { random }),
    new ClusterIPAllocator('10.96.0.0/12', { random }),
  );
  return { allocators, strategy: serviceStrategy(allocators) };
}

function service(name: string, spec: Service['spec']): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec };
}

/** Commits an admission and stamps what the handler and store would (uid, resourceVersion). */
function stored(admission: Admission): Service {
  assert.ok(admission.ok, admission.ok ? '' : admission.status.message);
  admission.commit();
  const object = admission.object as Service;
  return { ...object, metadata: { ...object.metadata, uid: 'u-1', resourceVersion: '1' } };
}

/** An update request as a client sends it: the stored metadata, a new spec. */
function update(old: Service, spec: Service['spec']): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: old.metadata, spec } as unknown as KubeObject;
}

function statusLines(admission: Admission): string[] {
  assert.ok(!admission.ok);
  return admission.status.details?.causes?.map((c) => `${c.field ?? ''}: ${c.message ?? ''}`) ?? [];
}

test('ClusterIP → NodePort allocates a nodePort; NodePort → ClusterIP gives it back', () => {
  const { allocators, strategy } = fixture();
  const created = stored(strategy.admitCreate(service('web', { ports: [{ port: 80 }] }), context));
  const freeBefore = allocators.nodePorts.free();
  const asNodePort = stored(
    strategy.admitUpdate(update(created, { ...created.spec, type: 'NodePort' }), created as KubeObject, context),
  );
  const nodePort = asNodePort.spec?.ports?.[0]?.nodePort ?? 0;
  assert.ok(nodePort >= 30000 && nodePort <= 32767);
  assert.equal(allocators.nodePorts.free(), freeBefore - 1);
  // `kubectl patch -p '{"spec":{"type":"ClusterIP"}}'`: the nodePort is still in the request.
  const back = stored(
    strategy.admitUpdate(
      update(asNodePort, { ...asNodePort.spec, type: 'ClusterIP' }),
      asNodePort as KubeObject,
      context,
    ),
  );
  assert.equal(back.spec?.ports?.[0]?.nodePort, undefined);
  assert.equal(allocators.nodePorts.free(), freeBefore);
});

test('a replace without clusterIP or nodePort keeps the allocated ones', () => {
  const { strategy } = fixture();
  const created = stored(strategy.admitCreate(service('web', { type: 'NodePort', ports: [{ port: 80 }] }), context));
  const replaced = stored(
    strategy.admitUpdate(update(created, { type: 'NodePort', ports: [{ port: 80 }] }), created as KubeObject, context),
  );
  assert.equal(replaced.spec?.clusterIP, created.spec?.clusterIP);
  assert.equal(replaced.spec?.ports?.[0]?.nodePort, created.spec?.ports?.[0]?.nodePort);
});

test('a changed clusterIP is refused with upstream words, and the failed update leaks nothing', () => {
  const { allocators, strategy } = fixture();
  const created = stored(strategy.admitCreate(service('web', { type: 'NodePort', ports: [{ port: 80 }] }), context));
  const free = { ports: allocators.nodePorts.free(), ips: allocators.clusterIPs[0]?.free() };
  const changed = strategy.admitUpdate(
    update(created, {
      ...created.spec,
      clusterIP: '10.96.0.99',
      clusterIPs: ['10.96.0.99'],
      ports: [{ port: 80, nodePort: 30555 }],
    }),
    created as KubeObject,
    context,
  );
  assert.deepEqual(statusLines(changed), [
    'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.99"}: may not change once set',
  ]);
  assert.deepEqual({ ports: allocators.nodePorts.free(), ips: allocators.clusterIPs[0]?.free() }, free);
});

test('delete releases the clusterIP and every nodePort', () => {
  const { allocators, strategy } = fixture();
  const ports = allocators.nodePorts.free();
  const ips = allocators.clusterIPs[0]?.free();
  const created = stored(
    strategy.admitCreate(
      service('dns', {
        type: 'NodePort',
        ports: [
          { name: 'a', port: 53, protocol: 'UDP' },
          { name: 'b', port: 53, protocol: 'TCP' },
        ],
      }),
      context,
    ),
  );
  assert.equal(allocators.nodePorts.free(), ports - 1, '53/UDP and 53/TCP share one nodePort');
  strategy.afterDelete(created as KubeObject);
  assert.deepEqual([allocators.nodePorts.free(), allocators.clusterIPs[0]?.free()], [ports, ips]);
});

test('field errors come back as an Invalid Status', () => {
  const { strategy } = fixture();
  const admission = strategy.admitCreate(service('web', { ports: [{ port: 80, nodePort: 30001 }] }), context);
  assert.deepEqual(statusLines(admission), [
    "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
  ]);
});
