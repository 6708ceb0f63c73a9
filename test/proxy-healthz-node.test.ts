/**
 * `/healthz` and this node's Node object, end to end (upstream `ProxyHealthServer.SyncNode`): the node is eligible
 * while its Node object does not exist yet, becomes ineligible when a Node event carries the Cluster Autoscaler's
 * `ToBeDeletedByClusterAutoscaler` taint, and eligible again when the taint goes. Rules go to the fake kernel.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { defaultRenderConfig, type RenderConfig } from '../src/proxy/iptables/config.ts';
import { FakeIptablesRunner } from '../src/proxy/runtime/fake-iptables-runner.ts';
import { type ProxyRuntime, startProxyRuntime } from '../src/proxy/runtime/runtime.ts';
import { type ClusterApi, startClusterApi } from './support/cluster-api.ts';

const config: RenderConfig = { ...defaultRenderConfig, nodeName: 'node-7', nodeIP: '10.0.0.17' };

let cluster: ClusterApi;
let runtime: ProxyRuntime;

async function healthz(): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`http://127.0.0.1:${runtime.healthzPort ?? 0}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Asks until the answer has `status` (the informer delivers the Node event in its own time). */
async function healthzUntil(status: number): Promise<Record<string, unknown>> {
  for (;;) {
    const answer = await healthz();
    if (answer.status === status) return answer.body;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function node(taints: { key: string; effect: string }[]) {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-7' }, spec: { taints } };
}

describe('/healthz follows Node events, not the Node object existing', () => {
  before(async () => {
    cluster = await startClusterApi();
    runtime = await startProxyRuntime({
      kubeConfig: cluster.kubeConfig,
      nodeName: 'node-7',
      ipFamily: 'IPv4',
      renderConfig: () => config,
      iptables: new FakeIptablesRunner('IPv4'),
      minSyncPeriodMs: 10,
      healthzAddress: '127.0.0.1:0',
      metricsAddress: null,
      healthCheckAddresses: ['127.0.0.1'],
    });
    await runtime.ready;
  });

  after(async () => {
    await runtime.stop();
    await cluster.close();
  });

  test('no Node object yet: 200 with nodeEligible true', async () => {
    const answer = await healthz();
    assert.equal(answer.status, 200);
    assert.equal(answer.body['nodeEligible'], true);
    assert.equal(answer.body['healthy'], true);
  });

  test('the autoscaler taint makes it 503; removing it makes it 200 again', async () => {
    const taint = { key: 'ToBeDeletedByClusterAutoscaler', effect: 'NoSchedule' };
    await cluster.expectStatus('POST', '/api/v1/nodes', node([taint]), 201);
    const ineligible = await healthzUntil(503);
    assert.equal(ineligible['nodeEligible'], false);
    assert.equal(ineligible['healthy'], true);
    await cluster.expectStatus('PUT', '/api/v1/nodes/node-7', node([]), 200);
    const eligible = await healthzUntil(200);
    assert.equal(eligible['nodeEligible'], true);
  });
});
