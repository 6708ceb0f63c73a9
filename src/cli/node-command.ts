/**
 * `portico node`: the node agent for one Node — registers it, renews its Lease, and runs the pods bound to it as
 * processes in network namespaces attached to the node namespace's pod bridge.
 */
import { isIPv4 } from 'node:net';
import type { Command } from 'commander';
import { startNodeAgent } from '../agent/node/index.ts';
import { netnsPodNetwork, netnsProcessLauncher } from '../agent/node/index.ts';
import { checkNamespaceName, listNamespaces, NetnsNameError, spawnCommand } from '../agent/netns/index.ts';
import { KubeConfigError, loadKubeConfig } from '../client/index.ts';
import { lineLogger } from '../proxy/runtime/logger.ts';
import { type CommandIO, fail } from './io.ts';

interface NodeCommandFlags {
  readonly kubeconfig?: string;
  readonly hostnameOverride?: string;
  readonly nodeIp?: string;
  readonly nodeNamespace?: string;
}

/** What `portico node` asks of the host, replaceable in tests. */
export interface NodeCommandHost {
  readonly isRoot: () => boolean;
  readonly waitForSignal: () => Promise<string>;
}

const processHost: NodeCommandHost = {
  isRoot: () => process.getuid?.() === 0,
  waitForSignal: () =>
    new Promise((resolve) => {
      process.once('SIGINT', () => {
        resolve('SIGINT');
      });
      process.once('SIGTERM', () => {
        resolve('SIGTERM');
      });
    }),
};

async function runNode(flags: NodeCommandFlags, io: CommandIO, host: NodeCommandHost): Promise<void> {
  if (!host.isRoot()) {
    fail(io, 'portico node must run as root: it creates a network namespace and veth for every pod');
  }
  const nodeName = flags.hostnameOverride;
  if (nodeName === undefined || nodeName === '') fail(io, '--hostname-override is required');
  if (flags.nodeIp === undefined || !isIPv4(flags.nodeIp)) fail(io, '--node-ip must be an IPv4 address');
  const nodeNamespace = checkNamespaceName(flags.nodeNamespace ?? `portico-${nodeName}`);
  // The node namespace and its pod bridge are the cluster's to build; the agent only attaches pods to them.
  if (!(await listNamespaces(spawnCommand)).includes(nodeNamespace)) {
    fail(
      io,
      `network namespace ${nodeNamespace} does not exist: create the node namespace with its bridge portico-br0 first`,
    );
  }
  const log = lineLogger(io.stderr);
  const agent = await startNodeAgent({
    kubeConfig: loadKubeConfig(flags.kubeconfig),
    nodeName,
    nodeIP: flags.nodeIp,
    network: netnsPodNetwork({ nodeNamespace }),
    launcher: netnsProcessLauncher,
    log: (message) => {
      log.info(message);
    },
  });
  log.info(`node ${nodeName} registered; running its pods in namespaces attached to ${nodeNamespace}`);
  log.info(`received ${await host.waitForSignal()}, stopping every pod process and pod network`);
  await agent.stop();
}

/** `portico node`: registers the command. */
export function registerNodeCommand(program: Command, io: CommandIO, host: NodeCommandHost = processHost): void {
  program
    .command('node')
    .description('run the node agent: register this Node, renew its Lease, run its pods as processes')
    .option('--kubeconfig <file>', 'the kubeconfig to reach the API server (default: $KUBECONFIG, ~/.kube/config)')
    .option('--hostname-override <name>', 'the Node name to register')
    .option('--node-ip <ip>', "the Node's InternalIP (IPv4)")
    .option(
      '--node-namespace <name>',
      'the existing node network namespace holding the pod bridge portico-br0 (default: portico-<node>)',
    )
    .action(async (flags: NodeCommandFlags) => {
      try {
        await runNode(flags, io, host);
      } catch (error) {
        if (error instanceof KubeConfigError || error instanceof NetnsNameError) fail(io, error.message);
        throw error;
      }
    });
}
