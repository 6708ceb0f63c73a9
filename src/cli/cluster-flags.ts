/** The flags every local-cluster command shares: which cluster (`--name`) and where its folder lives. */
import type { Command } from 'commander';
import { DEFAULT_CLUSTER_OPTIONS } from '../cluster/plan.ts';

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
