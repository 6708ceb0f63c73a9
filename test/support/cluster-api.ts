/**
 * An API server for integration tests, as a cluster runs it: a memory store, the real strategies (Service
 * allocation, workload defaults), plain HTTP on 127.0.0.1, and a client-node `KubeConfig` pointing at it.
 */
import assert from 'node:assert/strict';
import { KubeConfig } from '@kubernetes/client-node';
import { DEFAULT_NODE_PORT_RANGE } from '../../src/allocator/port-range.ts';
import { clusterStrategies } from '../../src/apiserver/registry/strategies.ts';
import type { ApiServer } from '../../src/apiserver/server.ts';
import { call, startTestServer, testToken } from '../../src/apiserver/testing.ts';
import { openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/types.ts';

/** A running test cluster's API. */
export interface ClusterApi {
  readonly server: ApiServer;
  readonly store: Store;
  readonly kubeConfig: KubeConfig;
  /** Sends a request and asserts its status code; resolves with the response body. */
  expectStatus(method: string, path: string, body: unknown, status: number): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Starts the API server with the default Service network (30000-32767, 10.96.0.0/12). */
export async function startClusterApi(): Promise<ClusterApi> {
  const store = await openStore('memory://');
  const network = { nodePortRange: DEFAULT_NODE_PORT_RANGE, serviceCIDR: '10.96.0.0/12' };
  const server = await startTestServer({ store, strategies: (await clusterStrategies(store, network)).strategies });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'test', server: server.url, skipTLSVerify: true }],
    users: [{ name: 'test', token: testToken }],
    contexts: [{ name: 'test', cluster: 'test', user: 'test', namespace: 'default' }],
    currentContext: 'test',
  });
  return {
    server,
    store,
    kubeConfig,
    expectStatus: async (method, path, body, status) => {
      const response = await call(server, method, path, { body });
      assert.equal(response.status, status, response.text);
      return response.body;
    },
    close: async () => {
      await server.close();
      await store.close();
    },
  };
}
