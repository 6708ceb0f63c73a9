/**
 * A malformed EndpointSlice (and a malformed Service) from an API server that validated nothing, next to a good
 * Service: on every node the proxy leaves the bad objects out with a warning, syncs without failing, and programs
 * the good Service. The kernel is the fake one behind `FakeIptablesRunner`: no root needed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.d.ts';
import { defaultRenderConfig, type RenderConfig } from '../src/proxy/iptables/config.ts';
import { clusterIPService, makeSlice, readySlice } from '../src/proxy/fixtures.ts';
import { ProxyChangeTracker } from '../src/proxy/runtime/change-tracker.ts';
import { FakeClock } from '../src/proxy/runtime/fake-clock.ts';
import { FakeIptablesRunner } from '../src/proxy/runtime/fake-iptables-runner.ts';
import { IptablesProxier } from '../src/proxy/runtime/iptables-proxier.ts';
import { memoryLogger } from '../src/proxy/runtime/logger.ts';
import { ProxyMetrics } from '../src/proxy/runtime/metrics.ts';
import { ProxyHealth } from '../src/proxy/runtime/proxy-health.ts';

/** A value where a number belongs: what an unvalidating API server stores from a hostile client. */
const injected = '80\n-A KUBE-SERVICES -j ACCEPT' as unknown as number;

const malformedSlices: EndpointSlice[] = [
  // The port string carries a whole rule after a newline.
  makeSlice('default', 'bad', 1, [{ addresses: ['10.244.1.9'] }], [{ name: 'http', port: injected }]),
  // Port 70000: iptables-restore would refuse the whole transaction, on every node, at every sync.
  makeSlice('default', 'bad', 2, [{ addresses: ['10.244.1.10'] }], [{ name: 'http', port: 70000 }]),
  // An address that is no address, and one with a rule in it.
  makeSlice(
    'default',
    'bad',
    3,
    [{ addresses: ['10.244.1.11 -j ACCEPT'] }, { addresses: ['not-an-ip'] }],
    [{ name: 'http', port: 8080 }],
  ),
  // A namespace that is no DNS label ends up in comments and chain hashes: the slice is left out whole.
  makeSlice('default"\n', 'web', 4, [{ addresses: ['10.244.1.12'] }], [{ name: 'http', port: 8080 }]),
];

const malformedService: Service = {
  ...clusterIPService('default', 'bad', '10.96.0.99', 'http', 80),
  spec: {
    clusterIP: '10.96.0.99',
    ports: [
      { name: 'http', port: 70000 },
      { name: 'x"\n', port: 81 },
    ],
  },
};

function proxyFor(nodeName: string) {
  const clock = new FakeClock();
  const log = memoryLogger();
  const tracker = new ProxyChangeTracker(nodeName, 'IPv4', (message) => {
    log.warn(message);
  });
  const iptables = new FakeIptablesRunner('IPv4');
  const config: RenderConfig = { ...defaultRenderConfig, nodeName, nodeIP: '192.168.77.11' };
  const proxier = new IptablesProxier({
    tracker,
    config,
    iptables,
    clock,
    metrics: new ProxyMetrics(),
    health: new ProxyHealth(clock, 60_000),
    log,
    syncPeriodMs: 30_000,
  });
  proxier.setInitialized();
  return { tracker, iptables, proxier, log };
}

test('a malformed EndpointSlice and Service next to a good Service: the good one is programmed on every node', async () => {
  for (const nodeName of ['node-1', 'node-2']) {
    const { tracker, iptables, proxier, log } = proxyFor(nodeName);
    tracker.serviceChanged(undefined, clusterIPService('default', 'web', '10.96.0.10', 'http', 80));
    tracker.serviceChanged(undefined, malformedService);
    for (const slice of malformedSlices) tracker.endpointSliceChanged(undefined, slice);
    tracker.endpointSliceChanged(undefined, readySlice('default', 'web', ['10.244.1.2', '10.244.2.2'], 'http', 8080));

    const outcome = await proxier.sync();
    assert.ok(outcome.kind !== 'skipped' && outcome.ok, `${nodeName}: the sync succeeds`);
    const kernel = iptables.dump();
    for (const ip of ['10.244.1.2', '10.244.2.2']) {
      assert.match(kernel, new RegExp(`-j DNAT --to-destination ${ip.replaceAll('.', '\\.')}:8080`));
    }
    assert.match(
      kernel,
      /-d 10\.96\.0\.10\/32 -p tcp -m comment --comment "default\/web:http cluster IP" -m tcp --dport 80 -j KUBE-SVC-/,
    );
    // Nothing of the bad objects reached the kernel.
    assert.doesNotMatch(kernel, /^-A KUBE-SERVICES -j ACCEPT$/m);
    assert.doesNotMatch(kernel, /70000|10\.244\.1\.(9|10|11|12)\b|not-an-ip/);
    for (const payload of iptables.restores) assert.doesNotMatch(payload, /70000|^-A KUBE-SERVICES -j ACCEPT$|"\n/m);
    // The bad Service is still proxied with the ports that are valid (none here): no chain for it.
    assert.doesNotMatch(kernel, /default\/bad/);
    const warnings = log.lines.filter((line) => line.startsWith('W '));
    assert.ok(warnings.some((line) => line.includes('EndpointSlice default/bad-1: ports[0] ignored: invalid port')));
    assert.ok(
      warnings.some((line) => line.includes('EndpointSlice default/bad-2: ports[0] ignored: invalid port 70000')),
    );
    assert.ok(warnings.some((line) => line.includes('endpoints[0] ignored: invalid IPv4 address')));
    assert.ok(warnings.some((line) => line.includes('EndpointSlice with invalid namespace')));
    assert.ok(warnings.some((line) => line.includes('Service default/bad: spec.ports[0] ignored: invalid port 70000')));
    assert.ok(warnings.some((line) => line.includes('Service default/bad: spec.ports[1] ignored: invalid name')));
  }
});
