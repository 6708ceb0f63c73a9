/**
 * Resolves kube-proxy's configuration for one node the way kube-proxy does: built-in defaults, then a
 * `KubeProxyConfiguration` file (`--config`), then flags given on the command line; what kube-proxy detects on the
 * host (interface addresses, iptables and conntrack capabilities) comes from `HostFacts` unless a flag says otherwise.
 */
import { readFileSync } from 'node:fs';
import type { Node } from 'kubernetes-types/core/v1.d.ts';
import { parse as parseYaml } from 'yaml';
import type { IPFamily } from '../net/index.ts';
import { type LocalDetectorConfig, type RenderConfig, masqueradeMarkForBit } from '../proxy/iptables/config.ts';

/** Flags as parsed from the command line; absent means "not given". */
export interface ProxyFlags {
  readonly config?: string;
  readonly hostnameOverride?: string;
  readonly nodeIp?: readonly string[];
  readonly clusterCidr?: readonly string[];
  readonly detectLocalMode?: string;
  readonly podBridgeInterface?: string;
  readonly podInterfaceNamePrefix?: string;
  readonly masqueradeAll?: boolean;
  readonly iptablesMasqueradeBit?: number;
  readonly masqueradeMark?: string;
  readonly iptablesLocalhostNodeports?: boolean;
  readonly nodeportAddresses?: readonly string[];
  readonly interfaceAddrs?: readonly string[];
  readonly randomFully?: boolean;
  readonly nfacct?: readonly string[];
  readonly conntrackTcpBeLiberal?: boolean;
  readonly ipFamily?: IPFamily;
}

/** What kube-proxy would detect on the host; injected so tests and other hosts can say. */
export interface HostFacts {
  hostname(): string;
  interfaceAddrs(): string[];
  primaryIP(family: IPFamily, interfaceAddrs: readonly string[]): string;
  hasRandomFully(): boolean;
  conntrackTCPBeLiberal(): boolean;
}

/** The names of the nfacct counters kube-proxy uses. */
export const nfacctCounterNames = ['ct_state_invalid_dropped_pkts', 'localhost_nps_accepted_pkts'] as const;

/** A configuration problem, worded as kube-proxy words it. */
export class ProxyConfigError extends Error {
  override readonly name = 'ProxyConfigError';
}

/** The subset of `KubeProxyConfiguration` (kubeproxy.config.k8s.io/v1alpha1) that shapes iptables rules. */
interface KubeProxyConfigurationFile {
  hostnameOverride?: string;
  bindAddress?: string;
  clusterCIDR?: string;
  detectLocalMode?: string;
  detectLocal?: { bridgeInterface?: string; interfaceNamePrefix?: string };
  nodePortAddresses?: string[] | null;
  mode?: string;
  iptables?: { masqueradeBit?: number | null; masqueradeAll?: boolean; localhostNodePorts?: boolean | null };
  conntrack?: { tcpBeLiberal?: boolean };
}

const configGroupVersion = 'kubeproxy.config.k8s.io/v1alpha1';

/** Reads and checks a `KubeProxyConfiguration` file. */
export function readKubeProxyConfiguration(path: string): KubeProxyConfigurationFile {
  let document: unknown;
  try {
    document = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ProxyConfigError(
      `failed to read config file "${path}": ${(error as Error).message.split('\n')[0] ?? ''}`,
    );
  }
  const object = (document ?? {}) as Record<string, unknown>;
  if (object['kind'] !== 'KubeProxyConfiguration' || object['apiVersion'] !== configGroupVersion) {
    throw new ProxyConfigError(
      `failed to decode config file "${path}": no kind "${String(object['kind'])}" is registered for version "${String(object['apiVersion'])}"; want kind KubeProxyConfiguration, apiVersion ${configGroupVersion}`,
    );
  }
  const mode = object['mode'];
  if (typeof mode === 'string' && mode !== '' && mode !== 'iptables') {
    throw new ProxyConfigError(`proxy mode "${mode}" is not supported here: only iptables renders`);
  }
  return object;
}

function familyOf(text: string): IPFamily {
  return text.includes(':') ? 'IPv6' : 'IPv4';
}

function firstOfFamily(values: readonly string[], family: IPFamily): string | undefined {
  return values.find((value) => familyOf(value) === family);
}

/** Expands the `all` and `localhost` keywords; `primary` stays for the renderer, which knows the node IP. */
function expandNodePortAddresses(values: readonly string[] | null | undefined): readonly string[] | null {
  if (values === null || values === undefined || values.length === 0) return null;
  return values.flatMap((value) => {
    if (value === 'all') return ['0.0.0.0/0', '::/0'];
    if (value === 'localhost') return ['127.0.0.0/8', '::1/128'];
    return [value];
  });
}

function nodeNamed(nodes: readonly Node[], name: string): Node | undefined {
  return nodes.find((node) => node.metadata?.name === name);
}

function nodeInternalIPs(node: Node | undefined): string[] {
  const addresses = node?.status?.addresses ?? [];
  return addresses.filter((address) => address.type === 'InternalIP').map((address) => address.address);
}

function localDetectorFor(
  mode: string,
  family: IPFamily,
  clusterCIDRs: readonly string[],
  file: KubeProxyConfigurationFile,
  flags: ProxyFlags,
  node: Node | undefined,
): LocalDetectorConfig {
  switch (mode) {
    case 'ClusterCIDR': {
      const cidr = firstOfFamily(clusterCIDRs, family);
      return cidr === undefined ? { mode: 'none' } : { mode: 'ClusterCIDR', cidr };
    }
    case 'NodeCIDR': {
      const podCIDRs = node?.spec?.podCIDRs ?? (node?.spec?.podCIDR === undefined ? [] : [node.spec.podCIDR]);
      const cidr = firstOfFamily(podCIDRs, family);
      return cidr === undefined ? { mode: 'none' } : { mode: 'NodeCIDR', cidr };
    }
    case 'BridgeInterface': {
      const name = flags.podBridgeInterface ?? file.detectLocal?.bridgeInterface ?? '';
      if (name === '') throw new ProxyConfigError('detectLocal.bridgeInterface: Invalid value: "": must not be empty');
      return { mode: 'BridgeInterface', interface: name };
    }
    case 'InterfaceNamePrefix': {
      const prefix = flags.podInterfaceNamePrefix ?? file.detectLocal?.interfaceNamePrefix ?? '';
      if (prefix === '') {
        throw new ProxyConfigError('detectLocal.interfaceNamePrefix: Invalid value: "": must not be empty');
      }
      return { mode: 'InterfaceNamePrefix', prefix };
    }
    case 'none':
      return { mode: 'none' };
    default:
      throw new ProxyConfigError(
        `detectLocalMode: Unsupported value: "${mode}": supported values: "ClusterCIDR", "NodeCIDR", "BridgeInterface", "InterfaceNamePrefix"`,
      );
  }
}

function nfacctCountersFrom(names: readonly string[] | undefined): Record<string, boolean> {
  const counters: Record<string, boolean> = {};
  for (const name of names ?? []) counters[name] = true;
  return counters;
}

function masqueradeMarkFrom(flags: ProxyFlags, file: KubeProxyConfigurationFile): string {
  if (flags.masqueradeMark !== undefined) return flags.masqueradeMark;
  const bit = flags.iptablesMasqueradeBit ?? file.iptables?.masqueradeBit ?? 14;
  try {
    return masqueradeMarkForBit(bit);
  } catch {
    throw new ProxyConfigError(`iptables.masqueradeBit: Invalid value: ${bit}: must be within the range [0, 31]`);
  }
}

/**
 * The renderer's configuration for the node named by `--hostname-override` (or the host name), using any Node
 * objects given (for its addresses and pod CIDRs) and the host's facts for what flags leave open.
 */
export function resolveRenderConfig(flags: ProxyFlags, host: HostFacts, nodes: readonly Node[] = []): RenderConfig {
  const file: KubeProxyConfigurationFile = flags.config === undefined ? {} : readKubeProxyConfiguration(flags.config);
  const ipFamily = flags.ipFamily ?? 'IPv4';
  const nodeName = (flags.hostnameOverride ?? file.hostnameOverride ?? '') || host.hostname();
  const node = nodeNamed(nodes, nodeName);
  const interfaceAddrs = flags.interfaceAddrs ?? host.interfaceAddrs();
  const candidateIPs = [...(flags.nodeIp ?? []), file.bindAddress ?? '', ...nodeInternalIPs(node)].filter(
    (ip) => ip !== '' && ip !== '0.0.0.0' && ip !== '::',
  );
  const nodeIP = firstOfFamily(candidateIPs, ipFamily) ?? host.primaryIP(ipFamily, interfaceAddrs);
  const clusterCIDRs = flags.clusterCidr ?? (file.clusterCIDR ?? '').split(',').filter((cidr) => cidr !== '');
  const mode = flags.detectLocalMode ?? (file.detectLocalMode || 'ClusterCIDR');
  return {
    ipFamily,
    nodeName,
    nodeIP,
    localDetector: localDetectorFor(mode, ipFamily, clusterCIDRs, file, flags, node),
    masqueradeMark: masqueradeMarkFrom(flags, file),
    masqueradeAll: flags.masqueradeAll ?? file.iptables?.masqueradeAll ?? false,
    localhostNodePorts: flags.iptablesLocalhostNodeports ?? file.iptables?.localhostNodePorts ?? true,
    nodePortAddresses: expandNodePortAddresses(flags.nodeportAddresses ?? file.nodePortAddresses),
    hasRandomFully: flags.randomFully ?? host.hasRandomFully(),
    conntrackTCPLiberal: flags.conntrackTcpBeLiberal ?? file.conntrack?.tcpBeLiberal ?? host.conntrackTCPBeLiberal(),
    nfacctCounters: nfacctCountersFrom(flags.nfacct),
    interfaceAddrs,
  };
}
