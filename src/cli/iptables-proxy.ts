/**
 * Starts kube-proxy's iptables runtime on the machine (or network namespace) this process runs in: one place
 * for `portico proxy` and for the proxy `portico node` runs beside its pods.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { Node } from 'kubernetes-types/core/v1.d.ts';
import { spawnCommand } from '../exec/command.ts';
import { conntrackCommand } from '../proxy/runtime/conntrack.ts';
import { createIptablesRunner } from '../proxy/runtime/iptables-runner.ts';
import type { Logger } from '../proxy/runtime/logger.ts';
import { type ProxyRuntime, startProxyRuntime } from '../proxy/runtime/runtime.ts';
import { type ProxyFlags, resolveRenderConfig } from './proxy-config.ts';
import { localHostFacts } from './proxy-options.ts';

/** What the runtime needs beyond the rendering flags; the defaults are kube-proxy's. */
export interface IptablesProxySettings {
  readonly kubeConfig: KubeConfig;
  readonly flags: ProxyFlags;
  readonly log: Logger;
  readonly syncPeriodMs?: number;
  readonly minSyncPeriodMs?: number;
  readonly healthzAddress?: string;
  readonly metricsAddress?: string;
}

/** Resolves the configuration once (so errors surface before anything starts), then starts the runtime. */
export function startIptablesProxy(settings: IptablesProxySettings): Promise<ProxyRuntime> {
  const { flags } = settings;
  const initial = resolveRenderConfig(flags, localHostFacts);
  return startProxyRuntime({
    kubeConfig: settings.kubeConfig,
    nodeName: initial.nodeName,
    ipFamily: initial.ipFamily,
    renderConfig: (node: Node | undefined) =>
      resolveRenderConfig(flags, localHostFacts, node === undefined ? [] : [node]),
    iptables: createIptablesRunner(spawnCommand, initial.ipFamily),
    conntrack: conntrackCommand(spawnCommand),
    sysctls: spawnCommand,
    log: settings.log,
    syncPeriodMs: settings.syncPeriodMs ?? 30_000,
    minSyncPeriodMs: settings.minSyncPeriodMs ?? 1000,
    healthzAddress: settings.healthzAddress ?? '0.0.0.0:10256',
    metricsAddress: settings.metricsAddress ?? '127.0.0.1:10249',
  });
}
