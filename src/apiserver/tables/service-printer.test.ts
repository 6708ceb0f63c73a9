import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { loadBalancerStatusString, servicePrinter } from './service-printer.ts';
import { ago, DAY, NOW } from './testing.ts';

function service(spec: NonNullable<Service['spec']>, status?: Service['status']): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: ago(10 * DAY) },
    spec,
    ...(status === undefined ? {} : { status }),
  };
}

const cells = (svc: Service) => servicePrinter.cells(svc, NOW);

test('columns: names, types and priorities as upstream declares them', () => {
  assert.deepEqual(
    servicePrinter.columns.map((c) => [c.name, c.type, c.format, c.priority]),
    [
      ['Name', 'string', 'name', 0],
      ['Type', 'string', '', 0],
      ['Cluster-IP', 'string', '', 0],
      ['External-IP', 'string', '', 0],
      ['Port(s)', 'string', '', 0],
      ['Age', 'string', '', 0],
      ['Selector', 'string', '', 1],
    ],
  );
  assert.match(servicePrinter.columns[1]?.description ?? '', /^type determines how the Service is exposed\./);
});

test('ClusterIP: first clusterIPs entry, <none> external IP, port/protocol, sorted selector', () => {
  const svc = service({
    type: 'ClusterIP',
    clusterIP: '10.96.0.1',
    clusterIPs: ['10.96.0.1', 'fd00::1'],
    ports: [{ port: 443, protocol: 'TCP', targetPort: 6443 }],
    selector: { tier: 'web', app: 'hello' },
  });
  assert.deepEqual(cells(svc), ['web', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', '10d', 'app=hello,tier=web']);
});

test('NodePort: port:nodePort/protocol joined by commas; external IPs listed', () => {
  const svc = service({
    type: 'NodePort',
    clusterIPs: ['10.96.12.7'],
    externalIPs: ['192.0.2.1', '192.0.2.2'],
    ports: [
      { port: 80, nodePort: 31155, protocol: 'TCP' },
      { port: 53, nodePort: 30053, protocol: 'UDP' },
      { port: 9090, protocol: 'TCP' },
    ],
  });
  assert.deepEqual(cells(svc), [
    'web',
    'NodePort',
    '10.96.12.7',
    '192.0.2.1,192.0.2.2',
    '80:31155/TCP,53:30053/UDP,9090/TCP',
    '10d',
    '<none>',
  ]);
});

test('headless and port-less Services print <none>', () => {
  const svc = service({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'] });
  assert.deepEqual(cells(svc).slice(2, 5), ['None', '<none>', '<none>']);
  assert.equal(cells(service({ type: 'ClusterIP' }))[2], '<none>');
});

test('LoadBalancer: <pending> without ingress, sorted ingress set, plus external IPs', () => {
  const lb = {
    type: 'LoadBalancer',
    clusterIPs: ['10.96.0.9'],
    ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }],
  };
  assert.equal(cells(service(lb))[3], '<pending>');
  const ingress = {
    loadBalancer: { ingress: [{ ip: '203.0.113.9' }, { hostname: 'lb.example.com' }, { ip: '203.0.113.9' }] },
  };
  assert.equal(cells(service(lb, ingress))[3], '203.0.113.9,lb.example.com');
  assert.equal(
    cells(service({ ...lb, externalIPs: ['192.0.2.5'] }, ingress))[3],
    '203.0.113.9,lb.example.com,192.0.2.5',
  );
  assert.equal(cells(service({ ...lb, externalIPs: ['192.0.2.5'] }))[3], '192.0.2.5');
});

test('load-balancer text is cut to 13 characters plus ... only outside wide output', () => {
  const status = { ingress: [{ hostname: 'a-very-long-hostname.example.com' }] };
  assert.equal(loadBalancerStatusString(status, false), 'a-very-long-h...');
  assert.equal(loadBalancerStatusString(status, true), 'a-very-long-hostname.example.com');
  assert.equal(loadBalancerStatusString({ ingress: [{ ip: '203.0.113.10' }] }, false), '203.0.113.10');
});

test('ExternalName prints the name; an unknown type prints <unknown>', () => {
  const svc = service({ type: 'ExternalName', externalName: 'db.example.com' });
  assert.deepEqual(cells(svc).slice(1, 5), ['ExternalName', '<none>', 'db.example.com', '<none>']);
  assert.deepEqual(cells(service({})).slice(1, 4), ['', '<none>', '<unknown>']);
});

test('a port without protocol prints an empty protocol, as Go formats an empty string', () => {
  assert.equal(cells(service({ type: 'ClusterIP', ports: [{ port: 80 }] }))[4], '80/');
});
