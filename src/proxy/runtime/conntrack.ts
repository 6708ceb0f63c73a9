/**
 * UDP conntrack cleanup (reference §13). UDP has no connection to reset, so a client keeps sending to an endpoint
 * that is gone for as long as its conntrack entry lives. After a sync in which a UDP Service's endpoints changed,
 * every UDP entry whose original destination is a Service frontend (cluster IP, external IP, LB IP, or any IP on a
 * NodePort) but whose reply comes from an IP that is no longer a serving endpoint is deleted.
 */
import type { IPFamily } from '../../net/index.ts';
import { endpointsOf } from '../snapshot.ts';
import type { ProxySnapshot } from '../types.ts';
import type { CommandRunner } from '../../exec/command.ts';

/** Serving endpoint IPs per frontend: `ip|port` for addresses, `port` alone for NodePorts. */
export interface UdpFrontends {
  readonly byAddress: ReadonlyMap<string, ReadonlySet<string>>;
  readonly byNodePort: ReadonlyMap<number, ReadonlySet<string>>;
}

/** One UDP conntrack entry, as far as cleanup cares. */
export interface UdpFlow {
  readonly origDst: string;
  readonly origDstPort: number;
  readonly replySrc: string;
}

/** A deletion filter: `conntrack -D` matches by these fields (origDst absent for NodePorts). */
export interface FlowFilter {
  readonly origDst?: string;
  readonly origDstPort: number;
  readonly replySrc: string;
}

/** Lists and deletes UDP flows; a fake in tests, the `conntrack` command for real. */
export interface ConntrackTable {
  listUdp(family: IPFamily): Promise<UdpFlow[]>;
  delete(family: IPFamily, filter: FlowFilter): Promise<void>;
}

/** Every UDP frontend of the snapshot with at least one serving endpoint (services without any are skipped). */
export function udpFrontends(snapshot: ProxySnapshot): UdpFrontends {
  const byAddress = new Map<string, Set<string>>();
  const byNodePort = new Map<number, Set<string>>();
  for (const service of snapshot.services) {
    for (const port of service.ports) {
      if (port.protocol !== 'UDP') continue;
      const serving = new Set(
        endpointsOf(snapshot, port)
          .filter((ep) => ep.serving)
          .map((ep) => ep.ip),
      );
      if (serving.size === 0) continue;
      for (const ip of [port.clusterIP, ...port.loadBalancerVIPs, ...port.externalIPs]) {
        byAddress.set(`${ip}|${port.port}`, serving);
      }
      if (port.nodePort !== 0) byNodePort.set(port.nodePort, serving);
    }
  }
  return { byAddress, byNodePort };
}

/** The deletions that make `flows` agree with `frontends`, without duplicates. */
export function staleFlowFilters(frontends: UdpFrontends, flows: readonly UdpFlow[]): FlowFilter[] {
  const filters = new Map<string, FlowFilter>();
  for (const flow of flows) {
    const serving = frontends.byAddress.get(`${flow.origDst}|${flow.origDstPort}`);
    if (serving !== undefined && !serving.has(flow.replySrc)) {
      const filter = { origDst: flow.origDst, origDstPort: flow.origDstPort, replySrc: flow.replySrc };
      filters.set(`${filter.origDst}|${filter.origDstPort}|${filter.replySrc}`, filter);
    }
    const nodePortServing = frontends.byNodePort.get(flow.origDstPort);
    if (nodePortServing !== undefined && !nodePortServing.has(flow.replySrc)) {
      filters.set(`|${flow.origDstPort}|${flow.replySrc}`, { origDstPort: flow.origDstPort, replySrc: flow.replySrc });
    }
  }
  return [...filters.values()];
}

/** Whether any UDP port of a changed Service exists in either snapshot (upstream's ConntrackCleanupRequired). */
export function conntrackCleanupRequired(
  previous: ProxySnapshot | undefined,
  current: ProxySnapshot,
  changed: ReadonlySet<string>,
): boolean {
  const hasUdp = (snapshot: ProxySnapshot | undefined): boolean =>
    snapshot?.services.some(
      (service) => changed.has(service.namespacedName) && service.ports.some((port) => port.protocol === 'UDP'),
    ) ?? false;
  return hasUdp(previous) || hasUdp(current);
}

/** Deletes the stale UDP flows of `snapshot`; returns how many filters were applied. */
export async function cleanStaleUdpFlows(table: ConntrackTable, snapshot: ProxySnapshot): Promise<number> {
  const frontends = udpFrontends(snapshot);
  if (frontends.byAddress.size === 0 && frontends.byNodePort.size === 0) return 0;
  const filters = staleFlowFilters(frontends, await table.listUdp(snapshot.ipFamily));
  for (const filter of filters) await table.delete(snapshot.ipFamily, filter);
  return filters.length;
}

function fieldsOf(line: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const word of line.trim().split(/\s+/)) {
    const eq = word.indexOf('=');
    if (eq <= 0) continue;
    const key = word.slice(0, eq);
    fields.set(key, [...(fields.get(key) ?? []), word.slice(eq + 1)]);
  }
  return fields;
}

/** Parses `conntrack -L -p udp` lines (original tuple first, reply tuple second). */
export function parseConntrackUdp(text: string): UdpFlow[] {
  const flows: UdpFlow[] = [];
  for (const line of text.split('\n')) {
    if (!/\budp\b/.test(line)) continue;
    const fields = fieldsOf(line);
    const origDst = fields.get('dst')?.[0];
    const origDstPort = Number(fields.get('dport')?.[0]);
    const replySrc = fields.get('src')?.[1];
    if (origDst === undefined || replySrc === undefined || !Number.isInteger(origDstPort)) continue;
    flows.push({ origDst, origDstPort, replySrc });
  }
  return flows;
}

/** The `conntrack` command as a `ConntrackTable`. */
export function conntrackCommand(run: CommandRunner): ConntrackTable {
  const familyArg = (family: IPFamily): string => (family === 'IPv6' ? 'ipv6' : 'ipv4');
  return {
    listUdp: async (family) => {
      const result = await run(['conntrack', '-L', '-p', 'udp', '-f', familyArg(family)]);
      if (result.code !== 0) throw new Error(`conntrack -L failed (exit ${result.code}): ${result.stderr.trim()}`);
      return parseConntrackUdp(result.stdout);
    },
    delete: async (family, filter) => {
      const dst = filter.origDst === undefined ? [] : ['--orig-dst', filter.origDst];
      const argv = ['conntrack', '-D', '-p', 'udp', '-f', familyArg(family), ...dst];
      // Exit 1 with "0 flow entries have been deleted" just means the flow expired meanwhile.
      await run([...argv, '--orig-port-dst', String(filter.origDstPort), '--reply-src', filter.replySrc]);
    },
  };
}
