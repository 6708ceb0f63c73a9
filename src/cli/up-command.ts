/**
 * `portico up`: a local multi-node cluster in network namespaces, with the demo NodePort Service. Without
 * `--detach` it stays in the foreground and Ctrl-C tears the cluster down; with it, it returns once ready.
 */
import { type Command, Option } from 'commander';
import { NetnsNameError } from '../agent/netns/index.ts';
import { CommandError } from '../exec/command.ts';
import { clusterCommand } from '../cluster/command.ts';
import { ClusterWaitError } from '../cluster/cluster-api.ts';
import { DEMO_NODE_PORT, DEMO_SERVICE } from '../cluster/demo.ts';
import { downCluster } from '../cluster/down.ts';
import {
  ClusterPlanError,
  type ClusterPlan,
  DEFAULT_CLUSTER_OPTIONS,
  MAX_NODES,
  planCluster,
} from '../cluster/plan.ts';
import type { Progress } from '../cluster/progress.ts';
import {
  ignoreOutputErrors,
  neverThrowing,
  ShutdownRequested,
  type ShutdownWatch,
  watchShutdownSignals,
} from '../cluster/shutdown.ts';
import { ClusterUpError, type RunningCluster, upCluster } from '../cluster/up.ts';
import { addClusterFlags, type ClusterFlags, rootRequired } from './cluster-flags.ts';
import { integerFlagParser } from './flag-values.ts';
import { type CommandIO, fail } from './io.ts';

export interface UpFlags extends ClusterFlags {
  readonly nodes: number;
  readonly proxyMode: string;
  readonly demo: boolean;
  readonly detach?: boolean;
  readonly nodeNetwork: string;
  readonly podCidr: string;
  readonly serviceCidr: string;
  readonly apiserverPort: number;
}

function progressTo(io: CommandIO): Progress {
  return {
    step: (text) => {
      io.stdout(` ✓ ${text}\n`);
    },
    detail: (text) => {
      io.stdout(`   ${text}\n`);
    },
  };
}

/** The flags that name this cluster to the other commands: only those that differ from the defaults. */
function clusterSelector(plan: ClusterPlan): string {
  const defaults = DEFAULT_CLUSTER_OPTIONS;
  return [
    plan.name === defaults.name ? '' : ` --name ${plan.name}`,
    plan.options.stateDir === defaults.stateDir ? '' : ` --state-dir ${plan.options.stateDir}`,
  ].join('');
}

/** What to try once the cluster is up. */
function nextSteps(plan: ClusterPlan, demo: boolean, detach: boolean): string {
  const which = clusterSelector(plan);
  const first = plan.nodes[0];
  const lines = ['', `Cluster "${plan.name}" is ready. Try:`, `  export KUBECONFIG=${plan.kubeconfigPath}`];
  lines.push('  kubectl get nodes -o wide');
  if (demo) {
    lines.push(
      `  kubectl get svc ${DEMO_SERVICE}`,
      '  kubectl get pods -o wide',
      '  kubectl logs deployment/hello-livefire',
    );
    for (const node of plan.nodes) lines.push(`  curl http://${node.ip}:${DEMO_NODE_PORT}/`);
  }
  if (first !== undefined) {
    lines.push(
      // The node name alone says which cluster it is in.
      `  npx portico rules --node ${first.name}        # the node's live iptables-save`,
      `  npx portico trace --node ${first.name} --from ${plan.hostIP} --to ${first.ip}:${DEMO_NODE_PORT}`,
    );
  }
  lines.push(
    detach
      ? `Remove it with: npx portico down${which}`
      : `Press Ctrl-C to stop it and remove everything it made (or run: npx portico down${which}).`,
    '',
  );
  return lines.join('\n');
}

/** A signal this soon after the first is the same key press passed on by `npm start`. */
const REPEAT_QUIET_MS = 1000;

/** Resolves with why the foreground cluster must go: a shutdown signal, or one of its processes exiting. */
function waitForShutdownOrExit(cluster: RunningCluster, shutdown: ShutdownWatch): Promise<string> {
  // Signal handlers and the unreferenced children do not keep Node.js running; this timer does, until the end.
  const keepAlive = setInterval(() => undefined, 60_000);
  const exits = cluster.processes.map((started) =>
    started.exited.then((code) => `${started.role} exited with code ${code}; see ${started.logFile}`),
  );
  return Promise.race([shutdown.requested.then((reason) => reason.message), ...exits]).finally(() => {
    clearInterval(keepAlive);
  });
}

/** Builds the cluster the flags describe; stays in the foreground unless `--detach`. Errors are printed, not thrown. */
export async function runUp(flags: UpFlags, io: CommandIO): Promise<void> {
  // A `| tee` killed by the same Ctrl-C, or a closed terminal, must not crash the teardown: output errors are
  // dropped for the rest of this process's life (an error event can come after the last write returned).
  ignoreOutputErrors([process.stdout, process.stderr]);
  const safeIO: CommandIO = { ...io, stdout: neverThrowing(io.stdout), stderr: neverThrowing(io.stderr) };
  try {
    await buildAndWatch(flags, safeIO);
  } catch (error) {
    if (error instanceof ShutdownRequested) {
      fail(safeIO, `interrupted by ${error.signal} before the cluster was ready; what it made was removed`);
    }
    const known = [ClusterPlanError, ClusterUpError, ClusterWaitError, CommandError, NetnsNameError];
    if (known.some((kind) => error instanceof kind)) fail(safeIO, (error as Error).message);
    throw error;
  }
}

function planFromFlags(flags: UpFlags): ClusterPlan {
  return planCluster({
    name: flags.name,
    nodes: flags.nodes,
    stateDir: flags.stateDir,
    nodeNetwork: flags.nodeNetwork,
    podCIDR: flags.podCidr,
    serviceCIDR: flags.serviceCidr,
    apiServerPort: flags.apiserverPort,
  });
}

async function buildAndWatch(flags: UpFlags, io: CommandIO): Promise<void> {
  const refusal = rootRequired('portico up');
  if (refusal !== undefined) fail(io, refusal);
  if (flags.proxyMode !== 'iptables') fail(io, `proxy mode "${flags.proxyMode}" is not built yet: only iptables`);
  const plan = planFromFlags(flags);
  io.stdout(`Creating cluster "${plan.name}" with ${plan.nodes.length} node(s) (state: ${plan.dir})\n`);
  const progress = progressTo(io);
  // From here to the end, SIGINT, SIGTERM and SIGHUP all mean: remove everything. A signal while building stops
  // at the next step (upCluster then removes what it made); later ones only hear that the cleanup goes on.
  let removed = false;
  const shutdown = watchShutdownSignals(process, (signal, sinceFirstMs) => {
    // `npm start` passes the terminal's Ctrl-C on once more: the same key press, nothing to answer.
    if (removed || sinceFirstMs < REPEAT_QUIET_MS) return;
    io.stdout(
      `\nreceived ${signal} again: still removing cluster "${plan.name}"; it ends by itself when all is gone\n`,
    );
  });
  try {
    const cluster = await upCluster(clusterCommand, plan, { demo: flags.demo, signal: shutdown.signal }, progress);
    if (!shutdown.signal.aborted) {
      io.stdout(nextSteps(plan, flags.demo, flags.detach === true));
      if (flags.detach === true) return;
    }
    const why = await waitForShutdownOrExit(cluster, shutdown);
    io.stdout(`\n${why}: removing cluster "${plan.name}"\n`);
    await downCluster(clusterCommand, plan, (line) => {
      progress.step(line);
    });
    io.stdout(`Cluster "${plan.name}" removed.\n`);
    removed = true;
  } finally {
    // Once the cluster is gone the process ends; a late signal (a second Ctrl-C, npm forwarding one) must not turn
    // that clean exit into death by signal, so the handlers stay, silent, until then.
    if (!removed) shutdown.dispose();
  }
}

/** `portico up`. */
export function registerUpCommand(program: Command, io: CommandIO): void {
  const defaults = DEFAULT_CLUSTER_OPTIONS;
  const command = program
    .command('up')
    .description('start a local multi-node cluster in network namespaces, with the demo NodePort Service')
    // The plan checks the range, saying which flag and what is allowed.
    .option('--nodes <n>', `how many nodes (1-${MAX_NODES})`, integerFlagParser(1_000_000), defaults.nodes)
    .addOption(new Option('--proxy-mode <mode>', 'the kube-proxy mode on every node').default('iptables'))
    .option('--demo', 'deploy hello-livefire and livefire-nodeport-svc', true)
    .option('--no-demo', 'start an empty cluster')
    .option('--detach', 'return once the cluster is ready, leaving it running')
    .option(
      '--node-network <cidr>',
      'the network node IPs come from; the host takes its first address',
      defaults.nodeNetwork,
    )
    .option('--pod-cidr <cidr>', 'the cluster CIDR; each node gets a /24 of it', defaults.podCIDR)
    .option('--service-cidr <cidr>', 'the ClusterIP range', defaults.serviceCIDR)
    .option(
      '--apiserver-port <port>',
      'the API server port on the host link',
      integerFlagParser(65535),
      defaults.apiServerPort,
    );
  addClusterFlags(command).action((flags: UpFlags) => runUp(flags, io));
}
