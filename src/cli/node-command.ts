/**
 * `portico node`: the node agent for one Node — registers it, renews its Lease, and runs the pods bound to it as
 * processes in network namespaces attached to the node namespace's pod bridge, and (unless `--proxy=false`) runs
 * kube-proxy for the node inside that namespace, which it must already be in (`nsenter --net=...`).
 */
import { statSync } from 'node:fs';
import { isIPv4 } from 'node:net';
import type { Command } from 'commander';
import {
  LogRotationError,
  type LogRotationPolicy,
  checkLogMaxFiles,
  parseLogMaxSize,
  startNodeAgent,
} from '../agent/node/index.ts';
import { netnsPodNetwork, netnsProcessLauncher } from '../agent/node/index.ts';
import { checkNamespaceName, listNamespaces, NetnsNameError, spawnCommand } from '../agent/netns/index.ts';
import { KubeConfigError, loadKubeConfig } from '../client/index.ts';
import { lineLogger } from '../proxy/runtime/logger.ts';
import { integerFlagParser, parseBoolFlag, parseListFlag } from './flag-values.ts';
import { installLastResortHandlers } from './last-resort.ts';
import { type CommandIO, fail } from './io.ts';
import { startIptablesProxy } from './iptables-proxy.ts';
import { ProxyConfigError } from './proxy-config.ts';
import { proxyFlagsFrom } from './proxy-options.ts';

interface NodeCommandFlags {
  readonly kubeconfig?: string;
  readonly hostnameOverride?: string;
  readonly nodeIp?: string;
  readonly nodeNamespace?: string;
  readonly proxy: boolean;
  readonly clusterCidr?: string[];
  readonly podLogDir: string;
  readonly kubeletPort: number;
  readonly podNamespacePrefix?: string;
  readonly containerLogMaxSize: string;
  readonly containerLogMaxFiles: string;
}

/** What `portico node` asks of the host, replaceable in tests. */
export interface NodeCommandHost {
  readonly isRoot: () => boolean;
  /** True when this process already runs inside the named network namespace. */
  readonly runsInNamespace: (namespace: string) => boolean;
  readonly waitForSignal: () => Promise<string>;
}

/** Same inode as /run/netns/NAME: the namespace `ip netns add` made is the one this process lives in. */
function runsInNamespace(namespace: string): boolean {
  try {
    return statSync(`/run/netns/${namespace}`).ino === statSync('/proc/self/ns/net').ino;
  } catch {
    return false;
  }
}

const processHost: NodeCommandHost = {
  isRoot: () => process.getuid?.() === 0,
  runsInNamespace,
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

/** A prefix is good when a pod namespace name built from it is. */
function checkPrefix(prefix: string): string {
  checkNamespaceName(`${prefix}0123456789ab`);
  return prefix;
}

/** kubelet's `--container-log-max-size` and `--container-log-max-files`, checked as kubelet checks them. */
function logRotationFrom(flags: NodeCommandFlags): LogRotationPolicy {
  const files = flags.containerLogMaxFiles;
  const maxFiles = /^-?\d+$/.test(files) ? Number(files) : Number.NaN;
  return { maxSize: parseLogMaxSize(flags.containerLogMaxSize), maxFiles: checkLogMaxFiles(maxFiles) };
}

async function runNode(flags: NodeCommandFlags, io: CommandIO, host: NodeCommandHost): Promise<void> {
  if (!host.isRoot()) {
    fail(io, 'portico node must run as root: it creates a network namespace and veth for every pod');
  }
  const nodeName = flags.hostnameOverride;
  if (nodeName === undefined || nodeName === '') fail(io, '--hostname-override is required');
  if (flags.nodeIp === undefined || !isIPv4(flags.nodeIp)) fail(io, '--node-ip must be an IPv4 address');
  const nodeNamespace = checkNamespaceName(flags.nodeNamespace ?? `portico-${nodeName}`);
  const logRotation = logRotationFrom(flags);
  // kube-proxy programs the kernel of the namespace it runs in: only the node's own, never the host's.
  if (flags.proxy && !host.runsInNamespace(nodeNamespace)) {
    fail(
      io,
      `the proxy programs the network namespace it runs in, and this is not ${nodeNamespace}: start the agent ` +
        `with \`nsenter --net=/run/netns/${nodeNamespace} portico node ...\`, or pass --proxy=false`,
    );
  }
  // The node namespace and its pod bridge are the cluster's to build; the agent only attaches pods to them.
  if (!(await listNamespaces(spawnCommand)).includes(nodeNamespace)) {
    fail(
      io,
      `network namespace ${nodeNamespace} does not exist: create the node namespace with its bridge portico-br0 first`,
    );
  }
  const log = lineLogger(io.stderr);
  const kubeConfig = loadKubeConfig(flags.kubeconfig);
  const agent = await startNodeAgent({
    kubeConfig,
    nodeName,
    nodeIP: flags.nodeIp,
    podLogDir: flags.podLogDir,
    logRotation,
    kubeletPort: flags.kubeletPort,
    ...(flags.podNamespacePrefix === undefined ? {} : { podNamespacePrefix: checkPrefix(flags.podNamespacePrefix) }),
    network: netnsPodNetwork({ nodeNamespace }),
    launcher: netnsProcessLauncher,
    log: (message) => {
      log.info(message);
    },
  });
  log.info(`node ${nodeName} registered; running its pods in namespaces attached to ${nodeNamespace}`);
  const proxy = flags.proxy
    ? await startIptablesProxy({
        kubeConfig,
        flags: proxyFlagsFrom({
          hostnameOverride: nodeName,
          nodeIp: [flags.nodeIp],
          ...(flags.clusterCidr === undefined ? {} : { clusterCidr: flags.clusterCidr }),
        }),
        log,
      })
    : undefined;
  if (proxy !== undefined) log.info(`kube-proxy (iptables) runs for ${nodeName} in ${nodeNamespace}`);
  // Only once it serves: a failure while starting still ends the command with its error.
  const lastResort = installLastResortHandlers('node', (line) => {
    log.error(line);
  });
  try {
    log.info(`received ${await host.waitForSignal()}, stopping every pod process and pod network`);
    await proxy?.stop();
    await agent.stop();
  } finally {
    lastResort.uninstall();
  }
}

/** `portico node`: registers the command. */
export function registerNodeCommand(program: Command, io: CommandIO, overrides: Partial<NodeCommandHost> = {}): void {
  const host = { ...processHost, ...overrides };
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
    .option('--pod-namespace-prefix <prefix>', 'what every pod namespace name starts with (default: portico-pod-)')
    .option('--pod-log-dir <dir>', 'where container output is kept for kubectl logs', '/var/log/portico/pods')
    .option(
      '--container-log-max-size <quantity>',
      "a container's log file is rotated once it reaches this size (kubelet's containerLogMaxSize; -1: never)",
      '10Mi',
    )
    .option(
      '--container-log-max-files <count>',
      "log files kept per container run, the one being written included (kubelet's containerLogMaxFiles; > 1)",
      '5',
    )
    .option(
      '--kubelet-port <port>',
      'the port on the node IP serving container logs to the API server',
      integerFlagParser(65535),
      10250,
    )
    .option('--proxy [bool]', "run kube-proxy (iptables mode) in the node's namespace", parseBoolFlag, true)
    .option('--cluster-cidr <cidrs>', "the cluster's pod CIDRs, comma-separated, for the proxy", parseListFlag)
    .action(async (flags: NodeCommandFlags) => {
      try {
        await runNode(flags, io, host);
      } catch (error) {
        if (error instanceof KubeConfigError || error instanceof NetnsNameError) fail(io, error.message);
        if (error instanceof LogRotationError) fail(io, error.message);
        if (error instanceof ProxyConfigError) fail(io, error.message);
        throw error;
      }
    });
}
