import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeService } from './fixtures.ts';
import { clusterIPForFamily, proxyServiceFor, servicePortNameString } from './service-ports.ts';

test('ServicePortName strings leave out the protocol and an empty port name', () => {
  assert.equal(servicePortNameString('ns1', 'svc1', 'p80'), 'ns1/svc1:p80');
  assert.equal(servicePortNameString('default', 'livefire-nodeport-svc', ''), 'default/livefire-nodeport-svc');
});

test('headless, unallocated and ExternalName Services are not proxied', () => {
  const ports = [{ port: 80 }];
  assert.equal(proxyServiceFor(makeService('ns', 'a', { clusterIP: 'None', ports }), 'IPv4'), null);
  assert.equal(proxyServiceFor(makeService('ns', 'b', { clusterIP: '', ports }), 'IPv4'), null);
  const external = makeService('ns', 'c', {
    type: 'ExternalName',
    clusterIP: '10.0.0.1',
    externalName: 'x.example',
    ports,
  });
  assert.equal(proxyServiceFor(external, 'IPv4'), null);
});

test('the cluster IP is picked per family', () => {
  const dual = makeService('ns', 'dual', {
    clusterIP: '10.96.0.10',
    clusterIPs: ['10.96.0.10', 'fd00::a'],
    ipFamilies: ['IPv4', 'IPv6'],
    ports: [{ port: 53, protocol: 'UDP', name: 'dns' }],
  });
  assert.equal(clusterIPForFamily('IPv4', dual), '10.96.0.10');
  assert.equal(clusterIPForFamily('IPv6', dual), 'fd00::a');
  // Without ipFamilies (API skew) only the single clusterIP's own family gets it.
  const legacy = makeService('ns', 'legacy', { clusterIP: 'fd00::b', ports: [{ port: 80 }] });
  assert.equal(clusterIPForFamily('IPv4', legacy), '');
  assert.equal(clusterIPForFamily('IPv6', legacy), 'fd00::b');
  assert.equal(proxyServiceFor(legacy, 'IPv4'), null);
  assert.equal(
    proxyServiceFor(
      makeService('ns', 'v4', { clusterIP: '10.0.0.1', ipFamilies: ['IPv4'], clusterIPs: ['10.0.0.1'], ports: [] }),
      'IPv6',
    ),
    null,
  );
});

test('addresses are normalised and filtered to the family, in order', () => {
  const service = makeService(
    'ns1',
    'svc1',
    {
      type: 'LoadBalancer',
      clusterIP: '172.30.0.041',
      externalIPs: ['192.168.099.022', 'fd00::1', 'not-an-ip', '1.1.1.1'],
      loadBalancerSourceRanges: [' 203.0.113.000/025 ', '2001:db8::/32', '10.1.2.3/8'],
      ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }],
    },
    {
      loadBalancer: {
        ingress: [
          { ip: '5.6.7.8' },
          { ip: '1.2.3.4', ipMode: 'Proxy' },
          { hostname: 'lb.example' },
          { ip: '9.10.11.12', ipMode: 'VIP' },
          { ip: 'fd00::9' },
        ],
      },
    },
  );
  const port = proxyServiceFor(service, 'IPv4')?.ports[0];
  assert.ok(port !== undefined);
  assert.equal(port.clusterIP, '172.30.0.41');
  assert.deepEqual(port.externalIPs, ['192.168.99.22', '1.1.1.1']);
  assert.deepEqual(port.loadBalancerSourceRanges, ['203.0.113.0/25', '10.0.0.0/8']);
  assert.deepEqual(port.loadBalancerVIPs, ['5.6.7.8', '9.10.11.12']);
  assert.equal(port.key, 'ns1/svc1:p80/TCP');
  assert.equal(port.nameString, 'ns1/svc1:p80');
  // A range that is no CIDR is not dropped (that would open the firewall): the Service is left out.
  const warnings: string[] = [];
  const bogus = makeService('ns1', 'svc2', { ...service.spec, loadBalancerSourceRanges: ['bogus'] });
  assert.equal(
    proxyServiceFor(bogus, 'IPv4', (m) => warnings.push(m)),
    null,
  );
  assert.deepEqual(warnings, ['Service ns1/svc2 ignored: invalid loadBalancerSourceRanges']);
});

test('traffic policies, health-check node port and derived predicates', () => {
  const lbLocal = makeService('ns', 'lb', {
    type: 'LoadBalancer',
    clusterIP: '10.0.0.1',
    externalTrafficPolicy: 'Local',
    healthCheckNodePort: 30000,
    ports: [
      { name: 'a', port: 80, nodePort: 3001 },
      { name: 'b', port: 81, protocol: 'UDP' },
    ],
  });
  const [a, b] = proxyServiceFor(lbLocal, 'IPv4')?.ports ?? [];
  assert.ok(a !== undefined && b !== undefined);
  assert.equal(a.protocol, 'TCP'); // defaulted
  assert.equal(a.externalPolicyLocal, true);
  assert.equal(a.healthCheckNodePort, 30000);
  assert.equal(a.externallyAccessible, true);
  assert.equal(a.usesLocalEndpoints, true);
  assert.equal(a.usesClusterEndpoints, true);
  // A port without nodePort, LB IP or external IP is not externally accessible itself.
  assert.equal(b.externallyAccessible, false);
  assert.equal(b.usesLocalEndpoints, false);

  // eTP only counts for Services the API considers externally accessible; an empty type is none.
  const untyped = makeService('ns', 'untyped', {
    clusterIP: '10.0.0.2',
    externalTrafficPolicy: 'Local',
    externalIPs: ['1.1.1.1'],
    ports: [{ port: 80 }],
  });
  assert.equal(proxyServiceFor(untyped, 'IPv4')?.ports[0]?.externalPolicyLocal, false);
  const nodePortCluster = makeService('ns', 'np', {
    type: 'NodePort',
    clusterIP: '10.0.0.3',
    externalTrafficPolicy: 'Local',
    healthCheckNodePort: 30001,
    ports: [{ port: 80, nodePort: 3003 }],
  });
  assert.equal(proxyServiceFor(nodePortCluster, 'IPv4')?.ports[0]?.healthCheckNodePort, 0); // only LoadBalancers

  const internalLocal = makeService('ns', 'il', {
    type: 'ClusterIP',
    clusterIP: '10.0.0.4',
    internalTrafficPolicy: 'Local',
    ports: [{ port: 80 }],
  });
  const il = proxyServiceFor(internalLocal, 'IPv4')?.ports[0];
  assert.ok(il !== undefined);
  assert.equal(il.usesClusterEndpoints, false);
  assert.equal(il.usesLocalEndpoints, true);
});

test('ClientIP affinity defaults to 10800 seconds', () => {
  const sticky = makeService('ns', 's', { clusterIP: '10.0.0.1', sessionAffinity: 'ClientIP', ports: [{ port: 80 }] });
  assert.equal(proxyServiceFor(sticky, 'IPv4')?.ports[0]?.stickyMaxAgeSeconds, 10800);
  sticky.spec = { ...sticky.spec, sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } };
  const port = proxyServiceFor(sticky, 'IPv4')?.ports[0];
  assert.ok(port !== undefined);
  assert.equal(port.stickyMaxAgeSeconds, 60);
  assert.equal(port.sessionAffinityClientIP, true);
});

test('an invalid Service port is left out with a warning; the valid ports stay', () => {
  const warnings: string[] = [];
  const service = makeService('ns', 'web', {
    type: 'NodePort',
    clusterIP: '10.0.0.1',
    ports: [
      { name: 'inject', port: '80\n-A KUBE-SERVICES -j ACCEPT' as unknown as number },
      { name: 'big', port: 70000 },
      { name: 'np', port: 81, nodePort: 65536 },
      { name: 'x"', port: 82 },
      { name: 'proto', port: 83, protocol: 'ICMP' },
      { name: 'ok', port: 84, nodePort: 30084 },
    ],
  });
  const ports = proxyServiceFor(service, 'IPv4', (m) => warnings.push(m))?.ports ?? [];
  assert.deepEqual(
    ports.map((p) => [p.key, p.port, p.nodePort]),
    [['ns/web:ok/TCP', 84, 30084]],
  );
  assert.deepEqual(warnings, [
    'Service ns/web: spec.ports[0] ignored: invalid port "80\\n-A KUBE-SERVICES -j ACCEPT"',
    'Service ns/web: spec.ports[1] ignored: invalid port 70000',
    'Service ns/web: spec.ports[2] ignored: invalid nodePort 65536',
    'Service ns/web: spec.ports[3] ignored: invalid name "x\\""',
    'Service ns/web: spec.ports[4] ignored: invalid protocol "ICMP"',
  ]);
});

test('a Service with an invalid identity, cluster IP or service-wide setting is left out whole', () => {
  const ports = [{ name: 'p', port: 80 }];
  const base = { type: 'ClusterIP', clusterIP: '10.0.0.1', ports };
  const cases: [ReturnType<typeof makeService>, string][] = [
    [makeService('ns"\n', 'web', base), 'Service with invalid namespace "ns\\"\\n" ignored'],
    [makeService('ns', 'Web', base), 'Service ns/"Web" ignored: invalid name'],
    [makeService('ns', 'web', { ...base, clusterIP: '10.0.0.1\n-A X' }), 'invalid IPv4 cluster IP "10.0.0.1\\n-A X"'],
    [makeService('ns', 'web', { ...base, type: 'Magic' }), 'invalid type "Magic"'],
    [
      makeService('ns', 'web', {
        ...base,
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 86401 } },
      }),
      'invalid sessionAffinityConfig.clientIP.timeoutSeconds 86401',
    ],
    [
      makeService('ns', 'web', { ...base, externalTrafficPolicy: 'Everywhere' }),
      'invalid externalTrafficPolicy "Everywhere"',
    ],
    [makeService('ns', 'web', { ...base, healthCheckNodePort: 99999 }), 'invalid healthCheckNodePort 99999'],
    [makeService('ns', 'web', { ...base, clusterIP: 7 as unknown as string }), 'invalid clusterIP 7'],
  ];
  for (const [service, expected] of cases) {
    const warnings: string[] = [];
    assert.equal(
      proxyServiceFor(service, 'IPv4', (m) => warnings.push(m)),
      null,
      expected,
    );
    assert.equal(warnings.length, 1, expected);
    assert.ok(warnings[0]?.endsWith(expected), `${warnings[0] ?? ''} / ${expected}`);
  }
});

test('invalid external and load-balancer IPs are dropped with a warning, the Service kept', () => {
  const warnings: string[] = [];
  const service = makeService(
    'ns',
    'lb',
    {
      type: 'LoadBalancer',
      clusterIP: '10.0.0.1',
      externalIPs: ['1.2.3.4 -j ACCEPT', '1.2.3.5'],
      ports: [{ port: 80, nodePort: 30080 }],
    },
    { loadBalancer: { ingress: [{ ip: '5.6.7.8\n' }, { ip: '5.6.7.9' }] } },
  );
  const port = proxyServiceFor(service, 'IPv4', (m) => warnings.push(m))?.ports[0];
  assert.ok(port !== undefined);
  assert.deepEqual(port.externalIPs, ['1.2.3.5']);
  assert.deepEqual(port.loadBalancerVIPs, ['5.6.7.9']);
  assert.deepEqual(warnings, [
    'Service ns/lb: spec.externalIPs: invalid IP "1.2.3.4 -j ACCEPT" ignored',
    'Service ns/lb: status.loadBalancer.ingress: invalid IP "5.6.7.8\\n" ignored',
  ]);
});
