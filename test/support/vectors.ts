/** The shared kube-proxy conformance vectors, for integration tests (schema: reference §14.3). */
import { readConformanceVectors } from './vectors-file.ts';

/** A vector's node configuration, exactly as written in the file. */
export interface VectorConfig {
  readonly ipFamily: 'IPv4' | 'IPv6';
  readonly nodeName: string;
  readonly nodeIP: string;
  readonly localDetector: { readonly mode: string; readonly cidr?: string };
  readonly masqueradeMark: string;
  readonly masqueradeAll: boolean;
  readonly localhostNodePorts: boolean;
  readonly nodePortAddresses: readonly string[] | null;
  readonly hasRandomFully: boolean;
  readonly conntrackTCPLiberal: boolean;
  readonly nfacctCounters: Readonly<Record<string, boolean>> | null;
  readonly interfaceAddrs: readonly string[];
}

/** One expected packet outcome. */
export interface PacketFlow {
  readonly name: string;
  readonly sourceIP: string;
  readonly destIP: string;
  readonly destPort: number;
  readonly protocol?: string;
  readonly output: string;
  readonly masq: boolean;
}

/** One sync of a multi-step vector. */
export interface VectorStep {
  readonly description: string;
  readonly services: unknown[];
  readonly endpointSlices: unknown[];
  readonly expectedIptablesRestore?: string;
  readonly packetFlows?: PacketFlow[];
}

/** One vector, with the fields integration tests read. */
export interface Vector {
  readonly name: string;
  readonly mode: 'iptables' | 'nftables';
  readonly config: VectorConfig;
  readonly nodeIPs?: readonly string[];
  readonly services?: unknown[];
  readonly endpointSlices?: unknown[];
  readonly expectedIptablesRestore?: string;
  readonly expectedChains?: Readonly<Record<string, string>>;
  readonly packetFlows?: PacketFlow[];
  readonly steps?: VectorStep[];
}

/** The file's top level, as far as integration tests read it. */
export interface VectorsFile {
  readonly meta: { readonly tracerLocalIPs: readonly string[] };
  readonly vectors: readonly Vector[];
}

const loaded = readConformanceVectors();

/** Why the vectors cannot be read, or undefined when they can. */
export const vectorsSkipReason: string | undefined = loaded.skipReason;

/** The parsed vectors file (empty when it is missing; check `vectorsSkipReason`). */
export const vectorsFile: VectorsFile = (loaded.data as VectorsFile | undefined) ?? {
  meta: { tracerLocalIPs: [] },
  vectors: [],
};

/** The iptables-mode vectors. */
export const iptablesVectors: readonly Vector[] = vectorsFile.vectors.filter((vector) => vector.mode === 'iptables');

/** The `portico rules` flags that give a vector's configuration, as a user would type them. */
export function flagsForVectorConfig(config: VectorConfig): string[] {
  const flags = [
    `--hostname-override=${config.nodeName}`,
    `--node-ip=${config.nodeIP}`,
    `--ip-family=${config.ipFamily}`,
    `--masquerade-mark=${config.masqueradeMark}`,
    `--masquerade-all=${config.masqueradeAll}`,
    `--iptables-localhost-nodeports=${config.localhostNodePorts}`,
    `--random-fully=${config.hasRandomFully}`,
    `--conntrack-tcp-be-liberal=${config.conntrackTCPLiberal}`,
    `--nfacct=${Object.keys(config.nfacctCounters ?? {}).join(',') || 'false'}`,
    `--interface-addrs=${config.interfaceAddrs.join(',')}`,
  ];
  if (config.nodePortAddresses !== null) flags.push(`--nodeport-addresses=${config.nodePortAddresses.join(',')}`);
  if (config.localDetector.mode === 'ClusterCIDR') {
    flags.push('--detect-local-mode=ClusterCIDR', `--cluster-cidr=${config.localDetector.cidr ?? ''}`);
  }
  return flags;
}
