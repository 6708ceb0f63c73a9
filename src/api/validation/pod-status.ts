/** The addresses of a Pod's status (upstream `validatePodIPs`, `validateHostIPs`). */
import type { PodStatus } from 'kubernetes-types/core/v1.d.ts';
import { parseIP } from '../../net/index.ts';
import { type BadValue, type FieldError, duplicate, goLiteral, goQuote, invalid } from '../field-errors.ts';
import { validateIP } from './ip.ts';

/** Go's `%#v` of a `[]core.PodIP` (or HostIP) list. */
function goIPList(type: 'PodIP' | 'HostIP', ips: readonly string[]): BadValue {
  return goLiteral(`[]core.${type}{${ips.map((ip) => `core.${type}{IP:${goQuote(ip)}}`).join(', ')}}`);
}

/** One IP per family at most, and no repeats. */
function validateIPList(ips: readonly string[], type: 'PodIP' | 'HostIP', path: string): FieldError[] {
  const errors = ips.flatMap((ip, i) => validateIP(`${path}[${String(i)}]`, ip));
  if (ips.length <= 1) return errors;
  const families = ips.map((ip) => parseIP(ip, { sloppy: true })?.family);
  const dualStack = families.includes('IPv4') && families.includes('IPv6');
  if (!dualStack || ips.length > 2) {
    errors.push(invalid(path, goIPList(type, ips), 'may specify no more than one IP for each IP family'));
  }
  const seen = new Set<string>();
  ips.forEach((ip, i) => {
    if (seen.has(ip)) errors.push(duplicate(`${path}[${String(i)}]`, goLiteral(`core.${type}{IP:${goQuote(ip)}}`)));
    seen.add(ip);
  });
  return errors;
}

/**
 * Pod and host IPs: each a valid IP, at most one per family, no repeats; `hostIP` must equal `hostIPs[0]`. As in
 * the v1 conversion, a lone `podIP` (or `hostIP`) stands for the list when the list is empty.
 */
export function validatePodIPs(status: PodStatus): FieldError[] {
  const listed = (status.podIPs ?? []).map((entry) => entry.ip ?? '');
  const podIPs = listed.length === 0 && (status.podIP ?? '') !== '' ? [status.podIP ?? ''] : listed;
  const errors = validateIPList(podIPs, 'PodIP', 'status.podIPs');
  const hostListed = (status.hostIPs ?? []).map((entry) => entry.ip ?? '');
  const hostIP = status.hostIP ?? '';
  const hostIPs = hostListed.length === 0 && hostIP !== '' ? [hostIP] : hostListed;
  if (hostIPs.length === 0) return errors;
  if (hostIP !== hostIPs[0])
    errors.push(invalid('status.hostIPs[0].ip', hostIPs[0] ?? '', 'must be equal to `hostIP`'));
  errors.push(...validateIPList(hostIPs, 'HostIP', 'status.hostIPs'));
  return errors;
}
