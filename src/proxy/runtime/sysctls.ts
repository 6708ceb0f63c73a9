/**
 * The kernel settings kube-proxy makes at start: `net.ipv4.conf.all.route_localnet=1` so NodePorts answer on
 * 127.0.0.1 (IPv4, when localhost NodePorts are on), and a large enough `net.netfilter.nf_conntrack_max`
 * (kube-proxy's default: 32768 per CPU, at least 131072; only ever raised). Through the command runner, so they
 * land in whatever network namespace the rules do. Failures are logged, never fatal: `nf_conntrack_max` is
 * read-only outside the initial network namespace.
 */
import { availableParallelism } from 'node:os';
import type { RenderConfig } from '../iptables/config.ts';
import { effectiveLocalhostNodePorts, nodePortAddressesFor } from '../iptables/node-port-addresses.ts';
import type { CommandRunner } from '../../exec/command.ts';
import type { Logger } from './logger.ts';

/** The sysctl that lets packets to 127.0.0.0/8 be routed (DNATed) instead of dropped as martians. */
export const routeLocalnetSysctl = 'net.ipv4.conf.all.route_localnet';
/** The conntrack table's size limit. */
export const conntrackMaxSysctl = 'net.netfilter.nf_conntrack_max';

/** kube-proxy's `conntrack.maxPerCore` and `conntrack.min` defaults. */
const conntrackMaxPerCore = 32768;
const conntrackMin = 131072;

/** The settings to make, or null where nothing is to be done. */
export interface SysctlPlan {
  readonly routeLocalnet: boolean;
  /** The wanted minimum of `nf_conntrack_max`. */
  readonly conntrackMax: number | null;
}

/** What kube-proxy would set for this configuration on a host with `cpus` CPUs. */
export function sysctlPlan(config: RenderConfig, cpus: number = availableParallelism()): SysctlPlan {
  const addresses = nodePortAddressesFor(config, config.ipFamily);
  const routeLocalnet = config.ipFamily === 'IPv4' && effectiveLocalhostNodePorts(config, addresses);
  return { routeLocalnet, conntrackMax: Math.max(conntrackMaxPerCore * cpus, conntrackMin) };
}

async function setSysctl(run: CommandRunner, key: string, value: number, log: Logger): Promise<void> {
  const result = await run(['sysctl', '-w', `${key}=${value}`]);
  if (result.code === 0) log.info(`set sysctl ${key}=${value}`);
  else log.warn(`cannot set sysctl ${key}=${value}: ${result.stderr.trim() || `exit ${result.code}`}`);
}

/** Applies the plan, logging what it set and what it could not. */
export async function applySysctls(run: CommandRunner, plan: SysctlPlan, log: Logger): Promise<void> {
  if (plan.routeLocalnet) await setSysctl(run, routeLocalnetSysctl, 1, log);
  if (plan.conntrackMax === null) return;
  const current = await run(['sysctl', '-n', conntrackMaxSysctl]);
  const value = Number(current.stdout.trim());
  if (current.code !== 0 || !Number.isInteger(value)) {
    log.warn(`cannot read sysctl ${conntrackMaxSysctl}: ${current.stderr.trim() || 'no value'}`);
  } else if (value >= plan.conntrackMax) {
    log.info(`sysctl ${conntrackMaxSysctl}=${value} is already at least ${plan.conntrackMax}`);
  } else {
    await setSysctl(run, conntrackMaxSysctl, plan.conntrackMax, log);
  }
}
