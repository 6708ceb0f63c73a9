/** The fixed rules of every sync (reference §3.4, §4.12, §6): masquerading, KUBE-FIREWALL, KUBE-FORWARD, NodePorts jump. */
import { formatIP, isLoopback } from '../../net/index.ts';
import type { RenderConfig } from './config.ts';
import {
  comments,
  ctStateInvalidDroppedCounter,
  ipv4LoopbackCIDR,
  ipv6LoopbackCIDR,
  kubeExternalServicesChain,
  kubeForwardChain,
  kubeletFirewallChain,
  kubeMarkMasqChain,
  kubeNodePortsChain,
  kubePostroutingChain,
  kubeProxyFirewallChain,
  kubeServicesChain,
} from './constants.ts';
import { nodeIPsFor, type NodePortAddresses } from './node-port-addresses.ts';
import type { RenderContext } from './render-context.ts';
import type { Word } from './restore-payload.ts';

const comment = '-m comment --comment';

/** The top-level filter chains, which every sync rewrites in full. */
export const topLevelFilterChains = [
  kubeServicesChain,
  kubeExternalServicesChain,
  kubeForwardChain,
  kubeNodePortsChain,
  kubeProxyFirewallChain,
] as const;

/** The top-level nat chains, which every sync rewrites in full. */
export const topLevelNatChains = [
  kubeServicesChain,
  kubeNodePortsChain,
  kubePostroutingChain,
  kubeMarkMasqChain,
] as const;

/** Declares the top-level chains. */
export function declareTopLevelChains(ctx: RenderContext): void {
  for (const chain of topLevelFilterChains) ctx.filter.declare(chain);
  for (const chain of topLevelNatChains) ctx.nat.declare(chain);
}

/** KUBE-POSTROUTING masquerades marked packets (clearing the mark first); KUBE-MARK-MASQ sets it. */
export function writeMasqueradeRules(ctx: RenderContext, hasRandomFully: boolean): void {
  const mark = ctx.mark;
  ctx.nat.rule(kubePostroutingChain, '-m mark ! --mark', `${mark}/${mark}`, '-j RETURN');
  // Clearing the mark keeps a packet that traverses the stack again from being masqueraded twice.
  ctx.nat.rule(kubePostroutingChain, '-j MARK --xor-mark', mark);
  const masquerade: Word[] = hasRandomFully ? ['-j MASQUERADE --random-fully'] : ['-j MASQUERADE'];
  ctx.nat.rule(kubePostroutingChain, comment, comments.masquerade, ...masquerade);
  ctx.nat.rule(kubeMarkMasqChain, '-j MARK --or-mark', mark);
}

/** Localhost NodePorts need route_localnet, which lets martian 127/8 traffic in; this rule closes that hole. */
export function writeLocalnetFirewall(ctx: RenderContext): void {
  if (ctx.family !== 'IPv4' || !ctx.localhostNodePorts) return;
  ctx.filter.declare(kubeletFirewallChain);
  const notLocal = [
    '-d',
    ipv4LoopbackCIDR,
    '! -s',
    ipv4LoopbackCIDR,
    '-m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT',
  ];
  ctx.filter.rule(kubeletFirewallChain, comment, comments.localnetBlock, ...notLocal, '-j DROP');
}

/** The last rule of nat KUBE-SERVICES: hand local-destination traffic to KUBE-NODEPORTS. */
export function writeNodePortsJump(
  ctx: RenderContext,
  addresses: NodePortAddresses,
  interfaceAddrs: readonly string[],
): void {
  const head = [comment, comments.nodePortsJump];
  if (addresses.matchAll) {
    const destinations: Word[] = ['-m addrtype --dst-type LOCAL'];
    // Localhost NodePorts never work for IPv6, and for IPv4 only with route_localnet.
    if (ctx.family === 'IPv6') destinations.push('! -d', ipv6LoopbackCIDR);
    else if (!ctx.localhostNodePorts) destinations.push('! -d', ipv4LoopbackCIDR);
    ctx.nat.rule(kubeServicesChain, ...head, ...destinations, '-j', kubeNodePortsChain);
    return;
  }
  for (const ip of nodeIPsFor(addresses, interfaceAddrs)) {
    if (isLoopback(ip) && (ctx.family === 'IPv6' || !ctx.localhostNodePorts)) continue;
    ctx.nat.rule(kubeServicesChain, ...head, '-d', formatIP(ip), '-j', kubeNodePortsChain);
  }
}

/** KUBE-FORWARD: drop INVALID (unless tcp-be-liberal), accept marked and established forwarded traffic. */
export function writeForwardRules(ctx: RenderContext, config: RenderConfig): void {
  if (!config.conntrackTCPLiberal) {
    // Without be_liberal, out-of-window packets turn INVALID and would be reset by the endpoint (issue 74839).
    const counted = config.nfacctCounters[ctStateInvalidDroppedCounter] === true;
    const counter: Word[] = counted ? ['-m nfacct --nfacct-name', ctStateInvalidDroppedCounter] : [];
    ctx.filter.rule(kubeForwardChain, '-m conntrack --ctstate INVALID', ...counter, '-j DROP');
  }
  ctx.filter.rule(
    kubeForwardChain,
    comment,
    comments.forwardRules,
    '-m mark --mark',
    `${ctx.mark}/${ctx.mark}`,
    '-j ACCEPT',
  );
  const established = '-m conntrack --ctstate RELATED,ESTABLISHED';
  ctx.filter.rule(kubeForwardChain, comment, comments.forwardConntrack, established, '-j ACCEPT');
}
