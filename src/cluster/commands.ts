/** The command lines of the cluster's processes: the API server on the host, one agent inside each node. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ClusterPlan, type NodePlan, podNamespacePrefix } from './plan.ts';
import type { ProcessSpec } from './processes.ts';

/** The `portico` entry point every cluster process runs. */
const PORTICO_BIN = fileURLToPath(new URL('../../bin/portico.mjs', import.meta.url));

function porticoArgv(...args: string[]): string[] {
  return [process.execPath, PORTICO_BIN, ...args];
}

/** Where the API server keeps its store, certificates and the kubeconfig it writes. */
export function controlPlaneDir(plan: ClusterPlan): string {
  return join(plan.dir, 'control-plane');
}

/** The node's own kubeconfig, where the API server's `--node-kubeconfigs` writes it. */
export function nodeKubeconfigPath(plan: ClusterPlan, node: NodePlan): string {
  return join(controlPlaneDir(plan), 'nodes', `${node.name}.kubeconfig`);
}

/** `portico apiserver` with its controllers, on the host link's address. */
export function apiServerProcess(plan: ClusterPlan): ProcessSpec {
  return {
    role: 'apiserver',
    argv: porticoArgv(
      'apiserver',
      '--data-dir',
      controlPlaneDir(plan),
      '--bind-address',
      plan.hostIP,
      '--advertise-address',
      plan.hostIP,
      '--secure-port',
      String(plan.options.apiServerPort),
      '--service-cluster-ip-range',
      plan.options.serviceCIDR,
      '--cluster-cidr',
      plan.options.podCIDR,
      '--node-kubeconfigs',
      plan.nodes.map((node) => node.name).join(','),
    ),
  };
}

/**
 * `portico node` (agent and kube-proxy) inside the node's namespace. `nsenter` switches the network namespace
 * only: `ip netns exec` would also make a private mount namespace, hiding the pod namespaces the agent creates.
 */
export function nodeAgentProcess(plan: ClusterPlan, node: NodePlan): ProcessSpec {
  return {
    role: node.name,
    argv: [
      'nsenter',
      `--net=/run/netns/${node.namespace}`,
      ...porticoArgv(
        'node',
        '--kubeconfig',
        nodeKubeconfigPath(plan, node),
        '--hostname-override',
        node.name,
        '--node-ip',
        node.ip,
        '--node-namespace',
        node.namespace,
        '--pod-namespace-prefix',
        podNamespacePrefix(node),
        '--pod-log-dir',
        join(plan.dir, 'pod-logs', node.name),
        '--cluster-cidr',
        plan.options.podCIDR,
      ),
    ],
  };
}
