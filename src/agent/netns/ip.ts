/**
 * One function per `ip` operation the agent needs. Every command names a Portico namespace with `ip -n`, so
 * none of them can act on the host's own network namespace, and every name is checked (see names.ts).
 */
import { checkInterfaceName, checkNamespaceName } from './names.ts';
import { type CommandRunner, isNotFound, runChecked } from './runner.ts';

/** `ip -n NS ...`, after checking the namespace name. */
function inNamespace(namespace: string, ...args: string[]): string[] {
  return ['ip', '-n', checkNamespaceName(namespace), ...args];
}

/** Creates the named network namespace (`ip netns add`). */
export async function addNamespace(run: CommandRunner, name: string): Promise<void> {
  await runChecked(run, ['ip', 'netns', 'add', checkNamespaceName(name)]);
}

/** Deletes the named network namespace; resolves false when it did not exist. */
export async function deleteNamespace(run: CommandRunner, name: string): Promise<boolean> {
  return ignoreNotFound(runChecked(run, ['ip', 'netns', 'delete', checkNamespaceName(name)]));
}

/** The names of the network namespaces under /run/netns (`ip netns list`, ids stripped). */
export async function listNamespaces(run: CommandRunner): Promise<string[]> {
  const out = await runChecked(run, ['ip', 'netns', 'list']);
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter((name) => name !== '');
}

/** Creates a bridge device in `namespace`. */
export async function addBridge(run: CommandRunner, namespace: string, bridge: string): Promise<void> {
  await runChecked(run, inNamespace(namespace, 'link', 'add', checkInterfaceName(bridge), 'type', 'bridge'));
}

/** Where a veth pair goes: created in `namespace`, then its `peer` end moved into `peerNamespace`. */
export interface VethPair {
  readonly namespace: string;
  readonly name: string;
  readonly peer: string;
  readonly peerNamespace: string;
}

/** Creates a veth pair in `pair.namespace` and moves the peer end into `pair.peerNamespace`. */
export async function addVethPair(run: CommandRunner, pair: VethPair): Promise<void> {
  const name = checkInterfaceName(pair.name);
  const peer = checkInterfaceName(pair.peer);
  await runChecked(run, inNamespace(pair.namespace, 'link', 'add', name, 'type', 'veth', 'peer', 'name', peer));
  try {
    await runChecked(
      run,
      inNamespace(pair.namespace, 'link', 'set', peer, 'netns', checkNamespaceName(pair.peerNamespace)),
    );
  } catch (error) {
    // The pair was made by this call, so removing it by name leaves the namespace as it was.
    await deleteLink(run, pair.namespace, name).catch(() => undefined);
    throw error;
  }
}

/** Deletes a link by name in `namespace` (for a veth, both ends go); resolves false when it did not exist. */
export async function deleteLink(run: CommandRunner, namespace: string, link: string): Promise<boolean> {
  return ignoreNotFound(runChecked(run, inNamespace(namespace, 'link', 'delete', checkInterfaceName(link))));
}

/** True when `link` exists in `namespace`. */
export async function linkExists(run: CommandRunner, namespace: string, link: string): Promise<boolean> {
  return (await run(inNamespace(namespace, 'link', 'show', 'dev', link))).code === 0;
}

/** Attaches `link` to `bridge` in `namespace`. */
export async function setMaster(run: CommandRunner, namespace: string, link: string, bridge: string): Promise<void> {
  await runChecked(run, inNamespace(namespace, 'link', 'set', link, 'master', checkInterfaceName(bridge)));
}

/**
 * Lets the bridge send a frame back out of the port it came in on. A pod that reaches itself through a
 * Service needs it: after kube-proxy's DNAT, br_netfilter bridges the packet back to the pod's own port.
 */
export async function setHairpin(run: CommandRunner, namespace: string, link: string): Promise<void> {
  await runChecked(
    run,
    inNamespace(namespace, 'link', 'set', checkInterfaceName(link), 'type', 'bridge_slave', 'hairpin', 'on'),
  );
}

/** Brings `link` up; `lo` is allowed here because every namespace has one and it starts down. */
export async function setLinkUp(run: CommandRunner, namespace: string, link: string): Promise<void> {
  await runChecked(run, inNamespace(namespace, 'link', 'set', link === 'lo' ? 'lo' : checkInterfaceName(link), 'up'));
}

/** Adds `address/prefix` to `link` in `namespace`. */
export async function addAddress(
  run: CommandRunner,
  namespace: string,
  link: string,
  address: string,
  prefix: number,
): Promise<void> {
  await runChecked(run, inNamespace(namespace, 'addr', 'add', `${address}/${prefix}`, 'dev', link));
}

/** Adds the default route via `gateway` in `namespace`. */
export async function addDefaultRoute(run: CommandRunner, namespace: string, gateway: string): Promise<void> {
  await runChecked(run, inNamespace(namespace, 'route', 'add', 'default', 'via', gateway));
}

/** Routes `cidr` via `gateway` in `namespace` (e.g. another node's pod CIDR via its node IP). */
export async function addRoute(run: CommandRunner, namespace: string, cidr: string, gateway: string): Promise<void> {
  await runChecked(run, inNamespace(namespace, 'route', 'add', cidr, 'via', gateway));
}

/** Turns on IPv4 forwarding inside `namespace` only (the sysctl is per network namespace). */
export async function enableIPForwarding(run: CommandRunner, namespace: string): Promise<void> {
  const ns = checkNamespaceName(namespace);
  await runChecked(run, ['ip', 'netns', 'exec', ns, 'sysctl', '-q', '-w', 'net.ipv4.ip_forward=1']);
}

async function ignoreNotFound(done: Promise<unknown>): Promise<boolean> {
  try {
    await done;
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}
