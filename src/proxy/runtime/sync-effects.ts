/** What a successful sync updates besides the rules: health-check servers and UDP conntrack entries. */
import type { ProxySnapshot } from '../types.ts';
import { cleanStaleUdpFlows, type ConntrackTable, conntrackCleanupRequired } from './conntrack.ts';
import type { Logger } from './logger.ts';
import type { ServiceHealthServers } from './service-health.ts';

/** Services with a health-check node port, and the port (`namespace/name` → port). */
export function healthCheckNodePorts(snapshot: ProxySnapshot): Map<string, number> {
  const ports = new Map<string, number>();
  for (const service of snapshot.services) {
    const port = service.ports.find((candidate) => candidate.healthCheckNodePort !== 0)?.healthCheckNodePort;
    if (port !== undefined) ports.set(service.namespacedName, port);
  }
  return ports;
}

/** Distinct IPs of local, ready, not terminating endpoints per Service (upstream `LocalReadyEndpoints`). */
export function localReadyEndpoints(snapshot: ProxySnapshot): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [name, byPort] of snapshot.endpoints) {
    const ips = new Set<string>();
    for (const endpoints of byPort.values()) {
      for (const ep of endpoints) if (ep.isLocal && ep.ready && !ep.terminating) ips.add(ep.ip);
    }
    if (ips.size > 0) counts.set(name, ips.size);
  }
  return counts;
}

/** Brings the health-check servers in line with the snapshot. */
export async function syncServiceHealth(servers: ServiceHealthServers, snapshot: ProxySnapshot): Promise<void> {
  await servers.syncServices(healthCheckNodePorts(snapshot));
  servers.syncEndpoints(localReadyEndpoints(snapshot));
}

/** Deletes stale UDP flows when a changed Service has a UDP port; never throws. */
export async function cleanConntrackAfterSync(
  table: ConntrackTable,
  previous: ProxySnapshot | undefined,
  current: ProxySnapshot,
  changed: ReadonlySet<string>,
  log: Logger,
): Promise<void> {
  if (!conntrackCleanupRequired(previous, current, changed)) return;
  try {
    const deleted = await cleanStaleUdpFlows(table, current);
    if (deleted > 0) log.info(`deleted ${deleted} stale UDP conntrack flow group(s)`);
  } catch (error) {
    log.error(`UDP conntrack cleanup failed: ${(error as Error).message}`);
  }
}
