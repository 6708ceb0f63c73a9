/**
 * The iptables renderer: snapshot + config + sync request → one `iptables-restore --noflush` payload, written
 * directly in canonical order (see README.md). Pure: no clocks, no kernel reads — both are inputs.
 */
import { parseIP } from '../../net/index.ts';
import { categorizePort } from '../snapshot.ts';
import type { ProxySnapshot } from '../types.ts';
import { newChainNamer, type ChainNameCache } from './chain-names.ts';
import type { RenderConfig } from './config.ts';
import {
  filterTable,
  largeClusterEndpointsThreshold,
  localhostNodePortAcceptedCounter,
  natTable,
} from './constants.ts';
import { writeEndpointChains } from './endpoint-chains.ts';
import { writeExternalChain, writeFirewallChain } from './external-chains.ts';
import { writeFrontendRules } from './frontend-rules.ts';
import { localDetectorFor } from './local-detector.ts';
import { effectiveLocalhostNodePorts, nodePortAddressesFor } from './node-port-addresses.ts';
import { planPort } from './port-plan.ts';
import type { RenderContext, ServiceChainSink } from './render-context.ts';
import { newCountingWriter, newTableBuffer } from './restore-payload.ts';
import { deleteStaleChains, staleChainCleanupDue, type StaleChainCleanupTiming } from './stale-chains.ts';
import {
  declareTopLevelChains,
  writeForwardRules,
  writeLocalnetFirewall,
  writeMasqueradeRules,
  writeNodePortsJump,
} from './static-rules.ts';

/** Full sync rewrites every chain; partial (KEP-3453) rewrites only the changed Services' own chains. */
export type SyncKind =
  { readonly kind: 'full' } | { readonly kind: 'partial'; readonly changedServices: ReadonlySet<string> };

/** What the renderer needs to know about this sync besides the snapshot. */
export type SyncRequest = SyncKind & {
  /** Chains now in the kernel's nat table (from `iptables-save -t nat`); null when unknown: no GC then. */
  readonly existingNatChains: ReadonlySet<string> | null;
  /** GC throttling for large-cluster mode; absent means GC is never throttled. */
  readonly cleanup?: StaleChainCleanupTiming;
};

/** Optional speed-ups that never change the output. */
export interface RenderOptions {
  /** The previous render's `chainNames`: hashes to reuse instead of recomputing. */
  readonly chainNameCache?: ChainNameCache;
}

/** Counts for metrics and logs. */
export interface RenderStats {
  readonly fullSync: boolean;
  readonly largeClusterMode: boolean;
  /** Endpoints over all proxied service ports, any state (decides large-cluster mode). */
  readonly totalEndpoints: number;
  readonly servicePorts: number;
  readonly filterChains: number;
  readonly filterRules: number;
  readonly natChains: number;
  /** nat `-A` lines written. */
  readonly natRules: number;
  /** Chains and rules of unchanged services that a partial sync computed but left out. */
  readonly skippedNatChains: number;
  readonly skippedNatRules: number;
  readonly deletedChains: number;
  /** GC ran: the caller records `cleanup.nowMs` as the last cleanup. */
  readonly staleChainCleanupRan: boolean;
  /** Service ports whose internal / external traffic is dropped for lack of local endpoints. */
  readonly noLocalEndpointsInternal: number;
  readonly noLocalEndpointsExternal: number;
}

/** The payload and what the proxy must remember about it. */
export interface RenderResult {
  /** `*filter … COMMIT\n*nat … COMMIT\n`, for `iptables-restore --noflush`. */
  readonly payload: string;
  /** Every per-service nat chain in use, written this time or not (the next sync's GC must keep them). */
  readonly activeNatChains: Set<string>;
  /** Hashes used by this render; pass as `chainNameCache` to the next one. */
  readonly chainNames: ChainNameCache;
  readonly stats: RenderStats;
}

function countEndpoints(snapshot: ProxySnapshot): number {
  let total = 0;
  for (const service of snapshot.services) {
    const endpoints = snapshot.endpoints.get(service.namespacedName);
    if (endpoints === undefined) continue;
    for (const port of service.ports) total += endpoints.get(port.key)?.length ?? 0;
  }
  return total;
}

function newContext(config: RenderConfig, largeClusterMode: boolean, options: RenderOptions): RenderContext {
  const addresses = nodePortAddressesFor(config, config.ipFamily);
  const localhostNodePorts = effectiveLocalhostNodePorts(config, addresses);
  const nodeIP = parseIP(config.nodeIP, { sloppy: true, unmap: true });
  return {
    family: config.ipFamily,
    mark: config.masqueradeMark,
    detector: localDetectorFor(config.localDetector, config.ipFamily),
    masqueradeAll: config.masqueradeAll,
    localhostNodePorts,
    countLocalhostNodePorts: localhostNodePorts && config.nfacctCounters[localhostNodePortAcceptedCounter] === true,
    nodeIP: nodeIP?.family === config.ipFamily ? nodeIP : null,
    largeClusterMode,
    namer: newChainNamer(options.chainNameCache),
    filter: newTableBuffer(filterTable),
    nat: newTableBuffer(natTable),
  };
}

interface ServiceTotals {
  servicePorts: number;
  noLocalInternal: number;
  noLocalExternal: number;
  skipped: { chains: number; rules: number };
}

/** Writes every service port; chains of services a partial sync leaves alone go to a counting sink. */
function writeServices(
  ctx: RenderContext,
  snapshot: ProxySnapshot,
  sync: SyncKind,
  active: Set<string>,
): ServiceTotals {
  const written: ServiceChainSink = { writer: ctx.nat, active };
  const skippedWriter = newCountingWriter();
  const skipped: ServiceChainSink = { writer: skippedWriter, active };
  const totals: ServiceTotals = {
    servicePorts: 0,
    noLocalInternal: 0,
    noLocalExternal: 0,
    skipped: skippedWriter.stats,
  };
  for (const service of snapshot.services) {
    const sink = sync.kind === 'full' || sync.changedServices.has(service.namespacedName) ? written : skipped;
    for (const port of service.ports) {
      const plan = planPort(
        port,
        categorizePort(snapshot, port),
        ctx.namer.servicePort(port.nameString, port.protocol),
      );
      totals.servicePorts++;
      if (plan.internalVerdict?.target === 'DROP') totals.noLocalInternal++;
      if (plan.externalVerdict?.target === 'DROP') totals.noLocalExternal++;
      writeFrontendRules(ctx, plan);
      writeExternalChain(ctx, plan, sink);
      writeFirewallChain(ctx, plan, sink);
      writeEndpointChains(ctx, plan, sink);
    }
  }
  return totals;
}

/** Runs stale-chain GC when the kernel's chains are known and (in large-cluster mode) the window has passed. */
function collectStaleChains(ctx: RenderContext, sync: SyncRequest, active: ReadonlySet<string>): boolean {
  const existing = sync.existingNatChains;
  if (existing === null) return false;
  if (sync.cleanup !== undefined && !staleChainCleanupDue(ctx.largeClusterMode, sync.cleanup)) return false;
  deleteStaleChains(ctx.nat, existing, active);
  return true;
}

/**
 * Renders one sync. The payload lists chains sorted and rules grouped per chain (reference §10), Services in
 * `namespace/name` order, so equal inputs give equal bytes.
 *
 * @example
 * const snapshot = buildSnapshot(services, slices, { name: 'node-1', ipFamily: 'IPv4' });
 * const { payload } = renderIptablesRestore(snapshot, config, { kind: 'full', existingNatChains: new Set() });
 */
export function renderIptablesRestore(
  snapshot: ProxySnapshot,
  config: RenderConfig,
  sync: SyncRequest,
  options: RenderOptions = {},
): RenderResult {
  if (snapshot.ipFamily !== config.ipFamily) {
    throw new Error(`snapshot is ${snapshot.ipFamily} but the renderer is configured for ${config.ipFamily}`);
  }
  const totalEndpoints = countEndpoints(snapshot);
  const ctx = newContext(config, totalEndpoints > largeClusterEndpointsThreshold, options);
  declareTopLevelChains(ctx);
  writeMasqueradeRules(ctx, config.hasRandomFully);
  writeLocalnetFirewall(ctx);
  const active = new Set<string>();
  const totals = writeServices(ctx, snapshot, sync, active);
  const cleanupRan = collectStaleChains(ctx, sync, active);
  writeNodePortsJump(ctx, nodePortAddressesFor(config, config.ipFamily), config.interfaceAddrs);
  writeForwardRules(ctx, config);

  const lines: string[] = [];
  ctx.filter.serialize(lines);
  ctx.nat.serialize(lines);
  lines.push('');
  return {
    payload: lines.join('\n'),
    activeNatChains: active,
    chainNames: ctx.namer.used,
    stats: {
      fullSync: sync.kind === 'full',
      largeClusterMode: ctx.largeClusterMode,
      totalEndpoints,
      servicePorts: totals.servicePorts,
      filterChains: ctx.filter.stats.chains,
      filterRules: ctx.filter.stats.rules,
      natChains: ctx.nat.stats.chains,
      natRules: ctx.nat.stats.rules,
      skippedNatChains: totals.skipped.chains,
      skippedNatRules: totals.skipped.rules,
      deletedChains: ctx.nat.stats.deleted,
      staleChainCleanupRan: cleanupRan,
      noLocalEndpointsInternal: totals.noLocalInternal,
      noLocalEndpointsExternal: totals.noLocalExternal,
    },
  };
}
