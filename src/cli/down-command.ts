/** `portico down` and `portico kubeconfig`: remove a local cluster by name; say where its kubeconfig is. */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { clusterCommand } from '../cluster/command.ts';
import { downCluster } from '../cluster/down.ts';
import { ClusterPlanError, DEFAULT_CLUSTER_OPTIONS, planCluster } from '../cluster/plan.ts';
import { addClusterFlags, type ClusterFlags, rootRequired } from './cluster-flags.ts';
import { type CommandIO, fail } from './io.ts';

/** The plan of the cluster these flags name; its node count does not matter for finding things by name. */
export function namedPlan(flags: ClusterFlags, io: CommandIO) {
  try {
    return planCluster({ ...DEFAULT_CLUSTER_OPTIONS, name: flags.name, stateDir: flags.stateDir, nodes: 1 });
  } catch (error) {
    if (error instanceof ClusterPlanError) fail(io, error.message);
    throw error;
  }
}

/** `portico down`. */
export function registerDownCommand(program: Command, io: CommandIO): void {
  const command = program
    .command('down')
    .description('remove a local cluster: its processes, namespaces, links, routes and folder, found by name');
  addClusterFlags(command).action(async (flags: ClusterFlags) => {
    const refusal = rootRequired('portico down');
    if (refusal !== undefined) fail(io, refusal);
    const plan = namedPlan(flags, io);
    const report = await downCluster(clusterCommand, plan, (line) => {
      io.stdout(` ✓ ${line}\n`);
    });
    const removed =
      report.processes.length + report.namespaces.length + Number(report.hostLink) + Number(report.folder);
    io.stdout(removed === 0 ? `Nothing of cluster "${plan.name}" was found.\n` : `Cluster "${plan.name}" removed.\n`);
  });
}

/** `portico kubeconfig`. */
export function registerKubeconfigCommand(program: Command, io: CommandIO): void {
  const command = program.command('kubeconfig').description("print the path of a local cluster's kubeconfig");
  addClusterFlags(command).action((flags: ClusterFlags) => {
    const plan = namedPlan(flags, io);
    if (!existsSync(plan.kubeconfigPath)) {
      fail(
        io,
        `cluster "${plan.name}" has no kubeconfig at ${plan.kubeconfigPath}: start it with portico up --name ${plan.name}`,
      );
    }
    io.stdout(`${plan.kubeconfigPath}\n`);
  });
}
