/**
 * The rules that hook kube-proxy's chains into the built-in ones (reference §7). They are not part of the
 * restore payload: on every full sync kube-proxy ensures each chain exists (`iptables -N`) and then
 * `iptables -C`/`-I` (insert at position 1) the jump, in this order.
 */
import {
  filterTable,
  kubeExternalServicesChain,
  kubeForwardChain,
  kubeletFirewallChain,
  kubeNodePortsChain,
  kubePostroutingChain,
  kubeProxyFirewallChain,
  kubeServicesChain,
  natTable,
} from './constants.ts';

/** One jump from a built-in chain into a kube-proxy chain. */
export interface JumpRule {
  readonly table: 'filter' | 'nat';
  /** The built-in chain the rule is inserted into. */
  readonly srcChain: string;
  /** The kube-proxy chain it jumps to. */
  readonly dstChain: string;
  /** Comment (unquoted, as passed to exec); "" for the kubelet-owned KUBE-FIREWALL jumps, which have none. */
  readonly comment: string;
  /** Matches before the comment. */
  readonly extraArgs: readonly string[];
}

const newConnections = ['-m', 'conntrack', '--ctstate', 'NEW'] as const;

function jump(
  table: JumpRule['table'],
  srcChain: string,
  dstChain: string,
  comment: string,
  extraArgs: readonly string[] = [],
): JumpRule {
  return { table, srcChain, dstChain, comment, extraArgs };
}

const externalPortals = 'kubernetes externally-visible service portals';
const servicePortals = 'kubernetes service portals';
const firewall = 'kubernetes load balancer firewall';

/** kube-proxy's jump rules, in the order they are ensured. */
export const iptablesJumpRules: readonly JumpRule[] = [
  jump(filterTable, 'INPUT', kubeExternalServicesChain, externalPortals, newConnections),
  jump(filterTable, 'FORWARD', kubeExternalServicesChain, externalPortals, newConnections),
  jump(filterTable, 'INPUT', kubeNodePortsChain, 'kubernetes health check service ports'),
  jump(filterTable, 'FORWARD', kubeServicesChain, servicePortals, newConnections),
  jump(filterTable, 'OUTPUT', kubeServicesChain, servicePortals, newConnections),
  jump(filterTable, 'FORWARD', kubeForwardChain, 'kubernetes forwarding rules'),
  jump(filterTable, 'INPUT', kubeProxyFirewallChain, firewall, newConnections),
  jump(filterTable, 'OUTPUT', kubeProxyFirewallChain, firewall, newConnections),
  jump(filterTable, 'FORWARD', kubeProxyFirewallChain, firewall, newConnections),
  jump(natTable, 'OUTPUT', kubeServicesChain, servicePortals),
  jump(natTable, 'PREROUTING', kubeServicesChain, servicePortals),
  jump(natTable, 'POSTROUTING', kubePostroutingChain, 'kubernetes postrouting rules'),
];

/** Kubelet's KUBE-FIREWALL jumps, which kube-proxy also ensures (and never deletes on cleanup). */
export const kubeletJumpRules: readonly JumpRule[] = [
  jump(filterTable, 'INPUT', kubeletFirewallChain, ''),
  jump(filterTable, 'OUTPUT', kubeletFirewallChain, ''),
];

/**
 * The rule's arguments after `iptables -t {table} -C|-I {srcChain}` (argv, so the comment is not quoted).
 *
 * @example
 * jumpRuleArgs(iptablesJumpRules[0]) // ['-m','conntrack','--ctstate','NEW','-m','comment','--comment','kubernetes externally-visible service portals','-j','KUBE-EXTERNAL-SERVICES']
 */
export function jumpRuleArgs(rule: JumpRule): string[] {
  const comment = rule.comment === '' ? [] : ['-m', 'comment', '--comment', rule.comment];
  return [...rule.extraArgs, ...comment, '-j', rule.dstChain];
}
