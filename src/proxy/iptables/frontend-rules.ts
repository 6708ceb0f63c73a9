/**
 * Frontend rules of one service port (reference §4.1–4.5): the nat KUBE-SERVICES / KUBE-NODEPORTS entries that
 * capture its cluster IP, external IPs, LB IPs and nodePort, and the filter verdicts when endpoints are missing.
 * These are written on every sync, partial or full.
 */
import {
  ipv4LoopbackCIDR,
  kubeExternalServicesChain,
  kubeNodePortsChain,
  kubeProxyFirewallChain,
  kubeServicesChain,
  localhostNodePortAcceptedCounter,
} from './constants.ts';
import type { PortPlan } from './port-plan.ts';
import { destinationMatch, type RenderContext } from './render-context.ts';

const comment = '-m comment --comment';

function writeClusterIP(ctx: RenderContext, plan: PortPlan): void {
  const { port, protocol } = plan;
  const match = destinationMatch(protocol, port.clusterIP, port.port);
  if (plan.hasInternalEndpoints) {
    ctx.nat.rule(
      kubeServicesChain,
      comment,
      `"${port.nameString} cluster IP"`,
      ...match,
      '-j',
      plan.internalTrafficChain,
    );
  } else if (plan.internalVerdict !== null) {
    ctx.filter.rule(
      kubeServicesChain,
      comment,
      plan.internalVerdict.comment,
      ...match,
      '-j',
      plan.internalVerdict.target,
    );
  }
}

function writeExternalVerdict(ctx: RenderContext, plan: PortPlan, ip: string): void {
  const verdict = plan.externalVerdict;
  if (verdict === null) return;
  const match = destinationMatch(plan.protocol, ip, plan.port.port);
  ctx.filter.rule(kubeExternalServicesChain, comment, verdict.comment, ...match, '-j', verdict.target);
}

function writeExternalIPs(ctx: RenderContext, plan: PortPlan): void {
  const { port, protocol } = plan;
  for (const ip of port.externalIPs) {
    if (plan.categories.hasAny) {
      const match = destinationMatch(protocol, ip, port.port);
      ctx.nat.rule(kubeServicesChain, comment, `"${port.nameString} external IP"`, ...match, '-j', plan.chains.ext);
    }
    writeExternalVerdict(ctx, plan, ip);
  }
}

function writeLoadBalancerIPs(ctx: RenderContext, plan: PortPlan): void {
  const { port, protocol } = plan;
  for (const ip of port.loadBalancerVIPs) {
    const match = destinationMatch(protocol, ip, port.port);
    if (plan.categories.hasAny) {
      const text = `"${port.nameString} loadbalancer IP"`;
      ctx.nat.rule(kubeServicesChain, comment, text, ...match, '-j', plan.loadBalancerTrafficChain);
    }
    if (plan.usesFirewallChain) {
      const text = `"${port.nameString} traffic not accepted by ${plan.chains.fw}"`;
      ctx.filter.rule(kubeProxyFirewallChain, comment, text, ...match, '-j', 'DROP');
    }
  }
  // Verdicts come after the whole loop (upstream writes them in a second pass).
  for (const ip of port.loadBalancerVIPs) writeExternalVerdict(ctx, plan, ip);
}

function writeNodePort(ctx: RenderContext, plan: PortPlan): void {
  const { port, protocol } = plan;
  if (port.nodePort === 0) return;
  // The NodePort comment is the bare service-port name, unquoted (it has no spaces).
  const head = [comment, port.nameString, '-m', protocol, '-p', protocol];
  const ext = plan.chains.ext;
  if (plan.categories.hasAny) {
    if (ctx.countLocalhostNodePorts) {
      const counter = ['-m nfacct --nfacct-name', localhostNodePortAcceptedCounter];
      ctx.nat.rule(
        kubeNodePortsChain,
        ...head,
        '-d',
        ipv4LoopbackCIDR,
        '--dport',
        port.nodePort,
        ...counter,
        '-j',
        ext,
      );
    }
    ctx.nat.rule(kubeNodePortsChain, ...head, '--dport', port.nodePort, '-j', ext);
  }
  const verdict = plan.externalVerdict;
  if (verdict !== null) {
    const match = ['-m addrtype --dst-type LOCAL -m', protocol, '-p', protocol, '--dport', port.nodePort];
    ctx.filter.rule(kubeExternalServicesChain, comment, verdict.comment, ...match, '-j', verdict.target);
  }
}

function writeHealthCheckNodePort(ctx: RenderContext, plan: PortPlan): void {
  const { port } = plan;
  if (port.healthCheckNodePort === 0) return;
  // Accepted whether or not this node has local endpoints: the load balancer must be able to ask.
  const text = `"${port.nameString} health check node port"`;
  ctx.filter.rule(kubeNodePortsChain, comment, text, '-m tcp -p tcp --dport', port.healthCheckNodePort, '-j ACCEPT');
}

/** Writes the always-written rules of one service port. */
export function writeFrontendRules(ctx: RenderContext, plan: PortPlan): void {
  writeClusterIP(ctx, plan);
  writeExternalIPs(ctx, plan);
  writeLoadBalancerIPs(ctx, plan);
  writeNodePort(ctx, plan);
  writeHealthCheckNodePort(ctx, plan);
}
