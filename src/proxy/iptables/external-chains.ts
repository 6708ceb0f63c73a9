/** The EXT and FW chains of one service port (reference §4.8–4.9). */
import { cidrContains, parseCIDR, type IPAddress } from '../../net/index.ts';
import { kubeMarkMasqChain } from './constants.ts';
import type { PortPlan } from './port-plan.ts';
import { openChain, type RenderContext, type ServiceChainSink } from './render-context.ts';

const comment = '-m comment --comment';
const srcTypeLocal = '-m addrtype --src-type LOCAL';

/**
 * EXT: entry point of external traffic (external IPs, LB IPs, nodePort). eTP=Cluster masquerades everything;
 * eTP=Local keeps client source IPs but short-circuits pod and host traffic to all endpoints via SVC.
 */
export function writeExternalChain(ctx: RenderContext, plan: PortPlan, sink: ServiceChainSink): void {
  if (!plan.usesExternalTrafficChain) return;
  const { ext, svc } = plan.chains;
  const name = plan.port.nameString;
  const w = sink.writer;
  openChain(sink, ext);
  if (!plan.port.externalPolicyLocal) {
    // Endpoints may be on other nodes, so replies must come back through this one.
    w.rule(ext, comment, `"masquerade traffic for ${name} external destinations"`, '-j', kubeMarkMasqChain);
  } else {
    if (ctx.detector !== null) {
      w.rule(ext, comment, `"pod traffic for ${name} external destinations"`, ...ctx.detector.ifLocal, '-j', svc);
    }
    // The host picks the LB IP itself as source, so it must be masqueraded to get replies back.
    w.rule(
      ext,
      comment,
      `"masquerade LOCAL traffic for ${name} external destinations"`,
      srcTypeLocal,
      '-j',
      kubeMarkMasqChain,
    );
    w.rule(ext, comment, `"route LOCAL traffic for ${name} external destinations"`, srcTypeLocal, '-j', svc);
  }
  if (plan.hasExternalEndpoints) w.rule(ext, '-j', plan.externalPolicyChain);
}

function anyRangeContains(ranges: readonly string[], ip: IPAddress | null): boolean {
  if (ip === null) return false;
  return ranges.some((text) => {
    const cidr = parseCIDR(text, { sloppy: true });
    return cidr !== undefined && cidrContains(cidr, ip);
  });
}

/**
 * FW: lets loadBalancerSourceRanges through to EXT; anything left falls off the end un-DNATed and is dropped by
 * filter KUBE-PROXY-FIREWALL. When a range holds the node's IP, the LB IPs are allowed as sources too: a VIP that
 * is local to the node makes the node's own requests arrive from the VIP.
 */
export function writeFirewallChain(ctx: RenderContext, plan: PortPlan, sink: ServiceChainSink): void {
  if (!plan.usesFirewallChain) return;
  const { fw, ext } = plan.chains;
  const { port } = plan;
  openChain(sink, fw);
  const text = `"${port.nameString} loadbalancer IP"`;
  for (const cidr of port.loadBalancerSourceRanges) sink.writer.rule(fw, comment, text, '-s', cidr, '-j', ext);
  if (anyRangeContains(port.loadBalancerSourceRanges, ctx.nodeIP)) {
    for (const ip of port.loadBalancerVIPs) sink.writer.rule(fw, comment, text, '-s', ip, '-j', ext);
  }
  sink.writer.rule(fw, comment, `"other traffic to ${port.nameString} will be dropped by KUBE-PROXY-FIREWALL"`);
}
