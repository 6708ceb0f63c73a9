/** The real `PodNetwork`: `setupPodNetwork` / `teardownPodNetwork` against the node's namespace and bridge. */
import { type CommandRunner, setupPodNetwork, spawnCommand, teardownPodNetwork } from '../netns/index.ts';
import { cidrGateway, cidrPrefix } from './pod-ips.ts';
import type { PodNetwork } from './types.ts';

/** Where pods attach: the node's namespace and its pod bridge, which must already exist. */
export interface NetnsPodNetworkOptions {
  readonly nodeNamespace: string;
  /** The node's pod bridge; `portico-br0` by default. */
  readonly bridge?: string;
  readonly run?: CommandRunner;
}

/** Pod networks as veths from pod namespaces into the node namespace's bridge. */
export function netnsPodNetwork(options: NetnsPodNetworkOptions): PodNetwork {
  const run = options.run ?? spawnCommand;
  const nodeNamespace = options.nodeNamespace;
  return {
    setup: async (request) => {
      await setupPodNetwork(run, {
        nodeNamespace,
        podNamespace: request.podNamespace,
        bridge: options.bridge ?? 'portico-br0',
        podIP: request.podIP,
        prefix: cidrPrefix(request.podCIDR),
        gateway: cidrGateway(request.podCIDR),
      });
    },
    teardown: async (podNamespace) => {
      await teardownPodNetwork(run, { nodeNamespace, podNamespace });
    },
  };
}
