/**
 * The informers a kube-proxy needs: every Service, every EndpointSlice, and its own Node (by field selector). Only
 * standard list and watch calls, so they work against any Kubernetes API server.
 */
import { CoreV1Api, DiscoveryV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { Node, Service } from 'kubernetes-types/core/v1.d.ts';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.d.ts';
import type { ChangeHandler, Informer } from './informer.ts';
import { startResourceInformer } from './resource-informer.ts';

/** Where the proxy's informers deliver changes. */
export interface ProxyInformerHandlers {
  readonly onService: ChangeHandler<Service>;
  readonly onEndpointSlice: ChangeHandler<EndpointSlice>;
  readonly onNode: ChangeHandler<Node>;
  /** A list or watch failed (the informer retries by itself). */
  readonly onError?: (resource: string, error: unknown) => void;
}

/** The three running informers. */
export interface ProxyInformers {
  readonly services: Informer<Service>;
  readonly endpointSlices: Informer<EndpointSlice>;
  readonly node: Informer<Node>;
  /** All three have delivered their first list. */
  synced(): boolean;
  /** Resolves when all three have delivered their first list. */
  whenSynced(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the Service, EndpointSlice and Node informers for `nodeName`.
 *
 * @example
 * const informers = startProxyInformers(loadKubeConfig(path), 'node-1', { onService, onEndpointSlice, onNode });
 * await informers.whenSynced();
 */
export function startProxyInformers(
  kubeConfig: KubeConfig,
  nodeName: string,
  handlers: ProxyInformerHandlers,
): ProxyInformers {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const discovery = kubeConfig.makeApiClient(DiscoveryV1Api);
  const onError = (resource: string) => (error: unknown) => handlers.onError?.(resource, error);
  const services = startResourceInformer<Service>({
    kubeConfig,
    path: '/api/v1/services',
    list: () => core.listServiceForAllNamespaces(),
    onChange: handlers.onService,
    onError: onError('services'),
  });
  const endpointSlices = startResourceInformer<EndpointSlice>({
    kubeConfig,
    path: '/apis/discovery.k8s.io/v1/endpointslices',
    list: () => discovery.listEndpointSliceForAllNamespaces(),
    onChange: handlers.onEndpointSlice,
    onError: onError('endpointslices'),
  });
  const fieldSelector = `metadata.name=${nodeName}`;
  const node = startResourceInformer<Node>({
    kubeConfig,
    path: '/api/v1/nodes',
    fieldSelector,
    list: () => core.listNode({ fieldSelector }),
    onChange: handlers.onNode,
    onError: onError('nodes'),
  });
  const all = [services, endpointSlices, node];
  return {
    services,
    endpointSlices,
    node,
    synced: () => all.every((informer) => informer.synced),
    whenSynced: async () => {
      await Promise.all(all.map((informer) => informer.whenSynced));
    },
    stop: async () => {
      await Promise.all(all.map((informer) => informer.stop()));
    },
  };
}
