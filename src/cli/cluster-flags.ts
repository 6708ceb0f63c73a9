/** The flags every local-cluster command shares: which cluster (`--name`) and where its folder lives. */
import type { Command } from 'commander';
import type { CommandRunner } from '../exec/command.ts';
import { findRunningNode, type RunningNode } from '../cluster/live-node.ts';
import { ClusterPlanError, DEFAULT_CLUSTER_OPTIONS, planCluster } from '../cluster/plan.ts';
import { type CommandIO, fail } from './io.ts';

export interface ClusterFlags {
  readonly name: string;
  readonly stateDir: string;
}

/** Adds `--name` and `--state-dir` with the defaults `portico up` uses. */
export function addClusterFlags(command: Command): Command {
  return command
    .option('--name <name>', 'the cluster name', DEFAULT_CLUSTER_OPTIONS.name)
    .option('--state-dir <dir>', 'where cluster folders live, one per name', DEFAULT_CLUSTER_OPTIONS.stateDir);
}

/** Refuses, in plain words, to touch network namespaces without root. */
export function rootRequired(what: string): string | undefined {
  return process.getuid?.() === 0
    ? undefined
    : `${what} must run as root: it creates and removes network namespaces, veths and routes`;
}

/**
 * The running node `--node NAME` names. A node name is enough: it carries its cluster's name. An explicit
 * `--name` limits the search to that cluster (and is checked like every cluster name).
 */
export function nodeOfCluster(
  run: CommandRunner,
  nodeName: string,
  command: Command,
  io: CommandIO,
): Promise<RunningNode> {
  if (command.getOptionValueSource('name') === 'default') return findRunningNode(run, nodeName);
  const name = String(command.getOptionValue('name'));
  try {
    planCluster({ ...DEFAULT_CLUSTER_OPTIONS, name, nodes: 1 });
  } catch (error) {
    if (error instanceof ClusterPlanError) fail(io, error.message);
    throw error;
  }
  return findRunningNode(run, nodeName, name);
}
