/** Every fixed chain name, table name, comment and counter name the iptables renderer writes, declared once. */

/** The filter table (REJECT/DROP/ACCEPT verdicts). */
export const filterTable = 'filter';
/** The nat table (DNAT to endpoints, masquerading). */
export const natTable = 'nat';

/** nat: service dispatch (from PREROUTING/OUTPUT); filter: REJECT/DROP for cluster IPs without endpoints. */
export const kubeServicesChain = 'KUBE-SERVICES';
/** nat: NodePort dispatch (last rule of nat KUBE-SERVICES); filter: ACCEPT for health-check node ports. */
export const kubeNodePortsChain = 'KUBE-NODEPORTS';
/** filter: REJECT/DROP for external IPs, LB IPs and NodePorts with no (local) endpoints. */
export const kubeExternalServicesChain = 'KUBE-EXTERNAL-SERVICES';
/** filter: DROP for LB traffic that loadBalancerSourceRanges did not let through. */
export const kubeProxyFirewallChain = 'KUBE-PROXY-FIREWALL';
/** filter: INVALID drop and accept of marked / established forwarded traffic. */
export const kubeForwardChain = 'KUBE-FORWARD';
/** nat: masquerades packets carrying the mark. */
export const kubePostroutingChain = 'KUBE-POSTROUTING';
/** nat: sets the masquerade mark. */
export const kubeMarkMasqChain = 'KUBE-MARK-MASQ';
/** filter: kubelet's anti-martian rule for localhost NodePorts (kube-proxy writes a copy). */
export const kubeletFirewallChain = 'KUBE-FIREWALL';
/** Empty chain whose disappearance tells kube-proxy the tables were flushed. */
export const kubeProxyCanaryChain = 'KUBE-PROXY-CANARY';

/** Cluster-policy dispatch chains. Hashed per-service chains are the only ones stale-chain GC deletes. */
export const serviceChainPrefix = 'KUBE-SVC-';
/** Local-policy dispatch chains. */
export const serviceLocalChainPrefix = 'KUBE-SVL-';
/** External-traffic entry chains. */
export const externalChainPrefix = 'KUBE-EXT-';
/** loadBalancerSourceRanges chains. */
export const firewallChainPrefix = 'KUBE-FW-';
/** Per-endpoint DNAT chains. */
export const endpointChainPrefix = 'KUBE-SEP-';

/** Fixed comments (kube-proxy quotes comments that contain spaces itself). */
export const comments = {
  masquerade: '"kubernetes service traffic requiring SNAT"',
  localnetBlock: '"block incoming localnet connections"',
  forwardRules: '"kubernetes forwarding rules"',
  forwardConntrack: '"kubernetes forwarding conntrack rule"',
  nodePortsJump: '"kubernetes service nodeports; NOTE: this must be the last rule in this chain"',
} as const;

/** nfacct counter of INVALID packets dropped in KUBE-FORWARD (used only when the object exists). */
export const ctStateInvalidDroppedCounter = 'ct_state_invalid_dropped_pkts';
/** nfacct counter of packets accepted on localhost NodePorts (used only when the object exists). */
export const localhostNodePortAcceptedCounter = 'localhost_nps_accepted_pkts';

/** Above this many endpoints (all service ports, any state) kube-proxy switches to large-cluster mode. */
export const largeClusterEndpointsThreshold = 1000;

/** The masquerade bit kube-proxy uses unless `--iptables-masquerade-bit` says otherwise. */
export const defaultMasqueradeBit = 14;

/** IPv4 loopback network (localhost NodePorts, KUBE-FIREWALL). */
export const ipv4LoopbackCIDR = '127.0.0.0/8';
/** IPv6 loopback, never a NodePort destination. */
export const ipv6LoopbackCIDR = '::1/128';
