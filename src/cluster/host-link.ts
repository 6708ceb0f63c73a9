/**
 * The only changes `up` makes in the host's own network namespace: one veth into the fabric namespace, its
 * address, and routes for the cluster's ranges through it. Everything here names that link explicitly, and
 * removing the link removes its routes with it.
 */
import { checkInterfaceName, checkNamespaceName, type CommandRunner, runChecked } from '../agent/netns/index.ts';
import { cidrContains, type CIDR, parseCIDR } from '../net/index.ts';

/** Creates the host's veth with its peer already inside `fabricNamespace`, gives it `address/prefix`, brings it up. */
export async function addHostLink(
  run: CommandRunner,
  link: { readonly name: string; readonly peer: string; readonly fabricNamespace: string },
  address: string,
  prefix: number,
): Promise<void> {
  const name = checkInterfaceName(link.name);
  await runChecked(run, [
    'ip',
    'link',
    'add',
    name,
    'type',
    'veth',
    'peer',
    'name',
    checkInterfaceName(link.peer),
    'netns',
    checkNamespaceName(link.fabricNamespace),
  ]);
  await runChecked(run, ['ip', 'addr', 'add', `${address}/${prefix}`, 'dev', name]);
  await runChecked(run, ['ip', 'link', 'set', name, 'up']);
}

/** Routes `cidr` via `gateway` through the host link, and only through it. */
export async function addHostRoute(run: CommandRunner, link: string, cidr: string, gateway: string): Promise<void> {
  await runChecked(run, ['ip', 'route', 'add', cidr, 'via', gateway, 'dev', checkInterfaceName(link)]);
}

/** Deletes the host link (its peer and routes go with it); false when it did not exist. */
export async function deleteHostLink(run: CommandRunner, link: string): Promise<boolean> {
  const result = await run(['ip', 'link', 'delete', checkInterfaceName(link)]);
  if (result.code === 0) return true;
  // "No such device": the link went away while ip looked it up (its peer's namespace was being deleted).
  if (/Cannot find device|No such device/i.test(result.stderr)) return false;
  throw new Error(`ip link delete ${link} failed: ${result.stderr.trim()}`);
}

/** A route or address on the host that a cluster range would shadow or be shadowed by. */
export interface HostConflict {
  readonly range: string;
  readonly what: string;
}

/** True when `inner` lies inside `range` (or is it). */
function within(range: CIDR, inner: CIDR): boolean {
  return inner.prefix >= range.prefix && cidrContains(range, { family: inner.family, value: inner.network });
}

/**
 * Routes and addresses on the host inside the cluster's ranges, other than `ownLink`'s. `up` refuses to start
 * on any, rather than shadow a network that is already there. A broader route (say 10.0.0.0/8) is no conflict:
 * the cluster's more specific routes keep its ranges on this machine.
 */
export async function hostConflicts(
  run: CommandRunner,
  ranges: readonly string[],
  ownLink: string,
): Promise<HostConflict[]> {
  const routes = (await runChecked(run, ['ip', '-o', '-4', 'route', 'show', 'table', 'all'])).split('\n');
  const addresses = (await runChecked(run, ['ip', '-o', '-4', 'addr', 'show'])).split('\n');
  const conflicts: HostConflict[] = [];
  for (const range of ranges) {
    const cidr = parseCIDR(range);
    if (cidr === undefined) continue;
    for (const line of routes) {
      const words = line.trim().split(/\s+/);
      // The host's own addresses (local, broadcast) are checked below; other route types name their target next.
      if (['local', 'broadcast', 'anycast', 'multicast'].includes(words[0] ?? '')) continue;
      const typed = ['unicast', 'unreachable', 'blackhole', 'prohibit', 'throw'].includes(words[0] ?? '');
      const target = typed ? words[1] : words[0];
      if (target === undefined || target === '' || target === 'default' || words.includes(ownLink)) continue;
      const routed = parseCIDR(target.includes('/') ? target : `${target}/32`);
      if (routed?.family === 'IPv4' && within(cidr, routed)) {
        conflicts.push({ range, what: `route ${line.trim()}` });
      }
    }
    for (const line of addresses) {
      const match = /inet (\S+)/.exec(line);
      const device = line.trim().split(/\s+/)[1] ?? '';
      if (match?.[1] === undefined || device === ownLink) continue;
      const ip = match[1].split('/')[0] ?? '';
      const address = parseCIDR(`${ip}/32`);
      if (address !== undefined && within(cidr, address)) {
        conflicts.push({ range, what: `address ${match[1]} on ${device}` });
      }
    }
  }
  return conflicts;
}
