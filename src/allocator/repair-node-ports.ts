/**
 * Rebuilds the nodePort pool from the Services that exist (upstream's portallocator repair controller).
 */
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { NodePortAllocator } from './node-port-allocator.ts';
import { formatPortRange } from './port-range.ts';
import type { RandomSource } from './random.ts';
import { settleLeak, type LeakCounts, type RepairProblem } from './repair-problems.ts';
import { portsOf, serviceKey, specOf } from './service-fields.ts';

/**
 * The nodePorts a Service holds in repair's eyes: one entry per port, except that a nodePort shared by
 * different protocols counts once; the healthCheckNodePort counts unless only a non-TCP port holds it.
 */
export function repairNodePortsOf(service: Service): number[] {
  const held: number[] = [];
  const protocolsByPort = new Map<number, Set<string>>();
  for (const port of portsOf(service)) {
    const nodePort = port.nodePort ?? 0;
    if (nodePort === 0) continue;
    const protocol = port.protocol ?? 'TCP';
    const protocols = protocolsByPort.get(nodePort);
    if (protocols === undefined) protocolsByPort.set(nodePort, new Set([protocol]));
    if (protocols === undefined || protocols.has(protocol)) held.push(nodePort);
    else protocols.add(protocol);
  }
  const health = specOf(service).healthCheckNodePort ?? 0;
  const sharing = protocolsByPort.get(health);
  if (health !== 0 && (sharing === undefined || sharing.has('TCP'))) held.push(health);
  return held;
}

/** Rebuilds a nodePort pool from `services`, comparing with `stored`; `stored` is left untouched. */
export function repairNodePorts(
  services: readonly Service[],
  stored: NodePortAllocator,
  leaks: LeakCounts,
  random?: RandomSource,
): { allocator: NodePortAllocator; problems: RepairProblem[] } {
  const rebuilt = new NodePortAllocator(stored.range, random ? { random } : {});
  const unclaimed = new NodePortAllocator(stored.range);
  unclaimed.restore(stored.snapshot());
  const problems: RepairProblem[] = [];
  const report = (kind: RepairProblem['kind'], value: number, message: string, service?: string): void => {
    problems.push({ kind, resource: 'nodePort', value, message, ...(service === undefined ? {} : { service }) });
  };
  const range = formatPortRange(stored.range);
  // Upstream prints name/namespace here; namespace/name is what the words mean.
  for (const service of services) {
    const key = serviceKey(service);
    for (const port of repairNodePortsOf(service)) {
      const error = rebuilt.allocate(port);
      if (error?.code === 'AlreadyAllocated') {
        report(
          'DoubleUse',
          port,
          `the node port ${port} for service ${key} was assigned to multiple services; please recreate`,
          key,
        );
      } else if (error) {
        report(
          'OutOfRange',
          port,
          `the port ${port} for service ${key} is not within the port range ${range}; please recreate`,
          key,
        );
      } else {
        if (unclaimed.has(port)) unclaimed.release(port);
        else report('NotAllocated', port, `the node port ${port} for service ${key} is not allocated; repairing`, key);
        leaks.delete(leakKey(port));
      }
    }
  }
  for (const port of unclaimed.values()) {
    if (settleLeak(leaks, leakKey(port)) === 'LeakSuspected') {
      rebuilt.allocate(port);
      report('LeakSuspected', port, `the node port ${port} may have leaked: flagging for later clean up`);
    } else {
      report('LeakReleased', port, `the node port ${port} appears to have leaked: cleaning up`);
    }
  }
  return { allocator: rebuilt, problems };
}

function leakKey(port: number): string {
  return `nodePort:${port}`;
}
