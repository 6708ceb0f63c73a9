import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  endpointChain,
  endpointChainName,
  hash16,
  isServiceChainName,
  newChainNamer,
  servicePortChains,
} from './chain-names.ts';
import { loadKubeProxyVectors } from './testdata.ts';

const loaded = loadKubeProxyVectors();

test('every hash vector', { skip: loaded.skipReason ?? false }, () => {
  const vectors = loaded.data?.hashVectors ?? [];
  assert.ok(vectors.length > 20);
  for (const vector of vectors) {
    const { servicePortName: portName, protocol } = vector;
    if (vector.kind === 'service') {
      assert.equal(hash16(vector.sha256Input), vector.hash16, vector.sha256Input);
      const chains = servicePortChains(portName, protocol);
      assert.deepEqual(
        { 'KUBE-SVC': chains.svc, 'KUBE-SVL': chains.svl, 'KUBE-EXT': chains.ext, 'KUBE-FW': chains.fw },
        vector.chains,
      );
    } else {
      assert.equal(endpointChainName(portName, protocol, vector.endpoint ?? ''), vector.chain, vector.sha256Input);
    }
  }
});

test('well-known chain names', () => {
  assert.equal(servicePortChains('default/kubernetes:https', 'TCP').svc, 'KUBE-SVC-NPX46M4PTMTKRN6Y');
  assert.equal(servicePortChains('kube-system/kube-dns:dns', 'UDP').svc, 'KUBE-SVC-TCOU7JCQXEZGVUNU');
  assert.equal(servicePortChains('default/livefire-nodeport-svc', 'TCP').ext, 'KUBE-EXT-3V3FRTVEG2SJHB6R');
  // Chain names must fit iptables' 28-character limit.
  assert.ok(
    endpointChainName('a-very-long-namespace-name/a-very-long-service-name:port', 'SCTP', '[fd00::1]:65535').length <=
      28,
  );
});

test('only per-service chains are service chains', () => {
  for (const chain of ['KUBE-SVC-X', 'KUBE-SVL-X', 'KUBE-EXT-X', 'KUBE-FW-X', 'KUBE-SEP-X'])
    assert.equal(isServiceChainName(chain), true);
  for (const chain of ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-MARK-MASQ', 'KUBE-XLB-X', 'KUBE-FIREWALL', 'OTHER']) {
    assert.equal(isServiceChainName(chain), false, chain);
  }
});

test('a chain namer reuses an earlier render’s names and keeps only what it used', () => {
  const first = newChainNamer();
  const names = first.servicePort('ns1/svc1:p80', 'TCP');
  assert.equal(names.chains.svc, 'KUBE-SVC-XPGD46QRK7WJZT7O');
  assert.equal(endpointChain(names, 'ns1/svc1:p80', 'TCP', '10.180.0.1:80'), 'KUBE-SEP-SXIVWICOYRO3J4NJ');
  first.servicePort('ns2/svc2:p80', 'TCP');

  const second = newChainNamer(first.used);
  const again = second.servicePort('ns1/svc1:p80', 'TCP');
  assert.equal(again.chains, names.chains); // the very same strings
  assert.equal(again.endpoints.get('10.180.0.1:80'), 'KUBE-SEP-SXIVWICOYRO3J4NJ');
  assert.deepEqual([...second.used.keys()], ['ns1/svc1:p80tcp']);
});
