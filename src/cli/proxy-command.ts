/**
 * `portico proxy`: kube-proxy in iptables mode against any Kubernetes API server — informers, partial and full
 * syncs through `iptables-restore`, `/healthz`, `/livez`, `/metrics`, health-check node ports, UDP conntrack
 * cleanup — or, with `--cleanup`, the removal of everything it programs.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { KubeConfigError, loadKubeConfig } from '../client/index.ts';
import type { IPFamily } from '../net/index.ts';
import { cleanupIptables } from '../proxy/runtime/cleanup.ts';
import { spawnCommand } from '../exec/command.ts';
import { createIptablesRunner } from '../proxy/runtime/iptables-runner.ts';
import { lineLogger } from '../proxy/runtime/logger.ts';
import { startIptablesProxy } from './iptables-proxy.ts';
import { type CommandIO, fail } from './io.ts';
import { installLastResortHandlers } from './last-resort.ts';
import { ProxyConfigError, readKubeProxyConfiguration } from './proxy-config.ts';
import { addProxyOptions, proxyFlagsFrom } from './proxy-options.ts';

interface ProxyCommandFlags extends Record<string, unknown> {
  readonly kubeconfig?: string;
  readonly config?: string;
  readonly proxyMode?: string;
  readonly healthzBindAddress?: string;
  readonly metricsBindAddress?: string;
  readonly iptablesSyncPeriod?: number;
  readonly iptablesMinSyncPeriod?: number;
  readonly cleanup?: boolean;
  readonly ipFamily?: IPFamily;
}

const durationUnits: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Parses a Go duration (`30s`, `1m0s`, `500ms`) into milliseconds. */
export function parseGoDuration(value: string): number {
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== value) {
    throw new InvalidArgumentError(`time: invalid duration ${JSON.stringify(value)}`);
  }
  return parts.reduce((total, [, amount = '0', unit = 's']) => total + Number(amount) * (durationUnits[unit] ?? 0), 0);
}

/** The settings a `KubeProxyConfiguration` file gives beyond the rules (flags override them). */
interface RuntimeFileSettings {
  readonly kubeconfig?: string;
  readonly healthzBindAddress?: string;
  readonly metricsBindAddress?: string;
  readonly syncPeriodMs?: number;
  readonly minSyncPeriodMs?: number;
}

function runtimeFileSettings(path: string | undefined): RuntimeFileSettings {
  if (path === undefined) return {};
  const file = readKubeProxyConfiguration(path) as Record<string, unknown>;
  const iptables = (file['iptables'] ?? {}) as Record<string, unknown>;
  const client = (file['clientConnection'] ?? {}) as Record<string, unknown>;
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  const settings: Record<string, unknown> = {
    kubeconfig: text(client['kubeconfig']),
    healthzBindAddress: text(file['healthzBindAddress']),
    metricsBindAddress: text(file['metricsBindAddress']),
    syncPeriodMs:
      text(iptables['syncPeriod']) === undefined ? undefined : parseGoDuration(String(iptables['syncPeriod'])),
    minSyncPeriodMs:
      text(iptables['minSyncPeriod']) === undefined ? undefined : parseGoDuration(String(iptables['minSyncPeriod'])),
  };
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

async function runCleanup(flags: ProxyCommandFlags, io: CommandIO): Promise<void> {
  const iptables = createIptablesRunner(spawnCommand, flags.ipFamily ?? 'IPv4');
  const report = await cleanupIptables(iptables);
  const chains = [...report.chains.filter, ...report.chains.nat];
  io.stderr(`removed ${report.jumpRules} jump rules and ${chains.length} chains\n`);
}

function waitForSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => {
      resolve('SIGINT');
    });
    process.once('SIGTERM', () => {
      resolve('SIGTERM');
    });
  });
}

async function runProxy(flags: ProxyCommandFlags, io: CommandIO): Promise<void> {
  if (flags.proxyMode !== undefined && flags.proxyMode !== '' && flags.proxyMode !== 'iptables') {
    fail(io, `proxy mode "${flags.proxyMode}" is not supported here: only iptables renders`);
  }
  if (flags.cleanup === true) {
    await runCleanup(flags, io);
    return;
  }
  const file = runtimeFileSettings(flags.config);
  const log = lineLogger(io.stderr);
  const timing = {
    syncPeriodMs: flags.iptablesSyncPeriod ?? file.syncPeriodMs,
    minSyncPeriodMs: flags.iptablesMinSyncPeriod ?? file.minSyncPeriodMs,
    healthzAddress: flags.healthzBindAddress ?? file.healthzBindAddress,
    metricsAddress: flags.metricsBindAddress ?? file.metricsBindAddress,
  };
  const runtime = await startIptablesProxy({
    kubeConfig: loadKubeConfig(flags.kubeconfig ?? file.kubeconfig),
    flags: proxyFlagsFrom(flags),
    log,
    // Only what was set: the runtime has kube-proxy's defaults for the rest.
    ...Object.fromEntries(Object.entries(timing).filter(([, value]) => value !== undefined)),
  });
  // Only once it serves: a failure while starting still ends the command with its error.
  const lastResort = installLastResortHandlers('proxy', (line) => {
    log.error(line);
  });
  log.info(`serving /healthz on port ${runtime.healthzPort ?? '-'} and /metrics on port ${runtime.metricsPort ?? '-'}`);
  try {
    log.info(`received ${await waitForSignal()}, shutting down`);
    await runtime.stop();
  } finally {
    lastResort.uninstall();
  }
}

/** `portico proxy`: registers the command and its kube-proxy flags. */
export function registerProxyCommand(program: Command, io: CommandIO): void {
  const command = program
    .command('proxy')
    .description('run kube-proxy (iptables mode) for this node against a Kubernetes API server')
    .option('--kubeconfig <file>', 'the kubeconfig to reach the API server (default: $KUBECONFIG, ~/.kube/config)')
    .addOption(new Option('--proxy-mode <mode>', 'which proxy mode to use (only iptables)').default('iptables'))
    .option('--healthz-bind-address <host:port>', 'where /healthz and /livez are served (default 0.0.0.0:10256)')
    .option('--metrics-bind-address <host:port>', 'where /metrics is served (default 127.0.0.1:10249)')
    .option('--iptables-sync-period <duration>', 'retry delay after a failed sync (default 30s)', parseGoDuration)
    .option('--iptables-min-sync-period <duration>', 'minimum time between syncs (default 1s)', parseGoDuration)
    .option('--cleanup', 'remove every rule and chain kube-proxy created, then exit');
  addProxyOptions(command).action(async (flags: ProxyCommandFlags) => {
    try {
      await runProxy(flags, io);
    } catch (error) {
      if (error instanceof ProxyConfigError || error instanceof KubeConfigError) fail(io, error.message);
      if (error instanceof Error && error.name === 'CommandError') fail(io, error.message);
      throw error;
    }
  });
}
