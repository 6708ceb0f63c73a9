/** What the iptables renderer needs to know about the node and the host (one field per vector `config` key). */
import type { IPFamily } from '../../net/index.ts';
import { defaultMasqueradeBit } from './constants.ts';

/** How kube-proxy tells pod traffic from other traffic (`--detect-local-mode`). */
export type LocalDetectorConfig =
  | { readonly mode: 'ClusterCIDR' | 'NodeCIDR'; readonly cidr: string }
  | { readonly mode: 'BridgeInterface'; readonly interface: string }
  | { readonly mode: 'InterfaceNamePrefix'; readonly prefix: string }
  | { readonly mode: 'none' };

/** Renderer configuration; maps 1:1 onto a conformance vector's `config` object. */
export interface RenderConfig {
  readonly ipFamily: IPFamily;
  readonly nodeName: string;
  /** The node's IP (FW chains let LB IPs in as sources when a source range contains it; `primary`). */
  readonly nodeIP: string;
  readonly localDetector: LocalDetectorConfig;
  /** The mark string written into rules, e.g. `0x00004000` (see {@link masqueradeMarkForBit}). */
  readonly masqueradeMark: string;
  readonly masqueradeAll: boolean;
  /** `--iptables-localhost-nodeports` as configured (the renderer applies upstream's overrides). */
  readonly localhostNodePorts: boolean;
  /** `--nodeport-addresses`: null = all; CIDRs of both families; or `["primary"]`. */
  readonly nodePortAddresses: readonly string[] | null;
  /** The iptables binary supports `MASQUERADE --random-fully`. */
  readonly hasRandomFully: boolean;
  /** sysctl `net.netfilter.nf_conntrack_tcp_be_liberal` is set: no INVALID drop rule then. */
  readonly conntrackTCPLiberal: boolean;
  /** nfacct counters that exist on the node (a rule naming a missing one is refused by the kernel). */
  readonly nfacctCounters: Readonly<Record<string, boolean>>;
  /** The node's interface addresses as `ip/prefix` (node IPs for a restricted `--nodeport-addresses`). */
  readonly interfaceAddrs: readonly string[];
  /** Service CIDRs (used by the nftables renderer; the iptables renderer ignores them). */
  readonly serviceCIDRs?: readonly string[];
}

/** The mark for a masquerade bit as kube-proxy prints it (`%#08x`: `0x00004000` for bit 14). */
export function masqueradeMarkForBit(bit: number): string {
  if (!Number.isInteger(bit) || bit < 0 || bit > 31) throw new RangeError(`masquerade bit ${bit} is not in 0..31`);
  return `0x${(2 ** bit).toString(16).padStart(8, '0')}`;
}

/**
 * kube-proxy's defaults on a current host: bit-14 mark, localhost NodePorts on, all node IPs for NodePorts, no
 * local-traffic detector until a cluster CIDR is given, and the capabilities of a modern kernel and iptables
 * (random-fully, both nfacct counters) — a runtime must detect the real ones.
 */
export const defaultRenderConfig: RenderConfig = {
  ipFamily: 'IPv4',
  nodeName: '',
  nodeIP: '',
  localDetector: { mode: 'none' },
  masqueradeMark: masqueradeMarkForBit(defaultMasqueradeBit),
  masqueradeAll: false,
  localhostNodePorts: true,
  nodePortAddresses: null,
  hasRandomFully: true,
  conntrackTCPLiberal: false,
  nfacctCounters: { ct_state_invalid_dropped_pkts: true, localhost_nps_accepted_pkts: true },
  interfaceAddrs: [],
};
