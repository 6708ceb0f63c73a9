/**
 * Names that netfilter code refers to, declared once: tables, builtin chains in the kernel's order, the
 * targets iptables itself provides, and the kube-proxy chains the tracer and the jump-rule helper know about.
 */

/** The iptables tables this package models. */
export const TABLE = {
  raw: 'raw',
  mangle: 'mangle',
  filter: 'filter',
  nat: 'nat',
  security: 'security',
} as const;

/** Builtin chains of each table, in the order the kernel (and so `iptables-save`) lists them. */
export const BUILTIN_CHAINS: Readonly<Record<string, readonly string[]>> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  security: ['INPUT', 'FORWARD', 'OUTPUT'],
};

/** The order a full `iptables-save` prints tables in (nf_tables backend); unknown tables follow, sorted. */
export const SAVE_TABLE_ORDER: readonly string[] = ['raw', 'mangle', 'filter', 'nat', 'security'];

/** Policy every builtin chain starts with. */
export const DEFAULT_POLICY = 'ACCEPT';

/** Targets provided by iptables extensions rather than by chains: a jump to one never needs a chain. */
export const BUILTIN_TARGETS: ReadonlySet<string> = new Set([
  'ACCEPT',
  'DROP',
  'REJECT',
  'RETURN',
  'QUEUE',
  'NFQUEUE',
  'DNAT',
  'SNAT',
  'MASQUERADE',
  'REDIRECT',
  'MARK',
  'CONNMARK',
  'LOG',
  'NFLOG',
  'TRACE',
  'NOTRACK',
  'CT',
  'TCPMSS',
  'CHECKSUM',
  'TPROXY',
]);

/** Targets that end a packet's walk through the tables with a verdict. */
export const VERDICT_TARGETS: ReadonlySet<string> = new Set(['ACCEPT', 'DROP', 'REJECT']);

/** kube-proxy's fixed chain names (reference §2.1). */
export const KUBE_CHAIN = {
  services: 'KUBE-SERVICES',
  nodePorts: 'KUBE-NODEPORTS',
  externalServices: 'KUBE-EXTERNAL-SERVICES',
  proxyFirewall: 'KUBE-PROXY-FIREWALL',
  forward: 'KUBE-FORWARD',
  postrouting: 'KUBE-POSTROUTING',
  markMasq: 'KUBE-MARK-MASQ',
  firewall: 'KUBE-FIREWALL',
  proxyCanary: 'KUBE-PROXY-CANARY',
} as const;

/** Comment text of the nat KUBE-SERVICES rule that must stay last (reference §4.12). */
export const LAST_RULE_MARKER = 'must be the last rule';
