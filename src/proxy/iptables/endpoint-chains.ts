/** The SVC / SVL dispatch chains and the SEP endpoint chains of one service port (reference §4.7, §4.10–4.11). */
import type { EndpointInfo } from '../types.ts';
import { endpointChain } from './chain-names.ts';
import { kubeMarkMasqChain } from './constants.ts';
import type { PortPlan } from './port-plan.ts';
import { probability } from './probability.ts';
import { destinationMatch, openChain, type RenderContext, type ServiceChainSink } from './render-context.ts';

const comment = '-m comment --comment';

/** SEP chain names of a port's reachable endpoints (a superset of its cluster and local endpoints). */
interface EndpointChainNames {
  readonly reachable: readonly EndpointInfo[];
  /** Names aligned with `reachable`. */
  readonly names: readonly string[];
  /** Built on first use, for lists other than `reachable` itself. */
  byEndpoint: Map<EndpointInfo, string> | null;
}

function endpointChainNames(plan: PortPlan): EndpointChainNames {
  const { nameString, protocol } = plan.port;
  const reachable = plan.categories.allReachable;
  const names = reachable.map((ep) => endpointChain(plan.names, nameString, protocol, ep.endpoint));
  return { reachable, names, byEndpoint: null };
}

/** Names for one dispatch list: aligned when the list is the reachable list, else looked up. */
function namesFor(sep: EndpointChainNames, endpoints: readonly EndpointInfo[]): readonly string[] {
  if (endpoints === sep.reachable) return sep.names;
  sep.byEndpoint ??= new Map(sep.reachable.map((ep, i) => [ep, sep.names[i] as string]));
  const byEndpoint = sep.byEndpoint;
  return endpoints.map((ep) => {
    const name = byEndpoint.get(ep);
    if (name === undefined) throw new Error(`endpoint ${ep.endpoint} is not among the reachable endpoints`);
    return name;
  });
}

/** The first rule of the internal chain: masquerade cluster-IP traffic that does not come from a local pod. */
function writeInternalMasquerade(ctx: RenderContext, plan: PortPlan, sink: ServiceChainSink): void {
  if (!plan.hasInternalEndpoints) return;
  const { port } = plan;
  const args = [
    comment,
    `"${port.nameString} cluster IP"`,
    ...destinationMatch(plan.protocol, port.clusterIP, port.port),
  ];
  const chain = plan.internalTrafficChain;
  if (ctx.masqueradeAll) sink.writer.rule(chain, ...args, '-j', kubeMarkMasqChain);
  else if (ctx.detector !== null) {
    // Off-node clients may route the service range to any node; masquerade so replies return through it.
    sink.writer.rule(chain, ...args, ...ctx.detector.ifNotLocal, '-j', kubeMarkMasqChain);
  }
}

/** Session-affinity checks, then a random pick: rule i matches with 1/(n-i), so each endpoint gets 1/n. */
function writeDispatchRules(
  ctx: RenderContext,
  plan: PortPlan,
  sink: ServiceChainSink,
  chain: string,
  endpoints: readonly EndpointInfo[],
  sepNames: readonly string[],
): void {
  const { port } = plan;
  const w = sink.writer;
  const commented = !ctx.largeClusterMode;
  const n = endpoints.length;
  if (port.sessionAffinityClientIP) {
    const seconds = port.stickyMaxAgeSeconds;
    for (let i = 0; i < n; i++) {
      const sep = sepNames[i] as string;
      const text = commented ? `${comment} "${port.nameString} -> ${(endpoints[i] as EndpointInfo).endpoint}" ` : '';
      w.rule(chain, `${text}-m recent --name ${sep} --rcheck --seconds ${seconds} --reap -j`, sep);
    }
  }
  for (let i = 0; i < n; i++) {
    const sep = sepNames[i] as string;
    const text = commented ? `${comment} "${port.nameString} -> ${(endpoints[i] as EndpointInfo).endpoint}" ` : '';
    if (i < n - 1) w.rule(chain, `${text}-m statistic --mode random --probability ${probability(n - i)} -j`, sep);
    else w.rule(chain, `${text}-j`, sep);
  }
}

/** One SEP chain: hairpin masquerade, then DNAT (recording the client for session affinity). */
function writeEndpointChain(
  ctx: RenderContext,
  plan: PortPlan,
  sink: ServiceChainSink,
  ep: EndpointInfo,
  sep: string,
): void {
  openChain(sink, sep);
  const head = ctx.largeClusterMode ? '' : `${comment} ${plan.port.nameString} `;
  // Hairpin: an endpoint reaching itself through the service must be masqueraded to see the reply.
  sink.writer.rule(sep, `${head}-s ${ep.ip} -j`, kubeMarkMasqChain);
  const affinity = plan.port.sessionAffinityClientIP ? `-m recent --name ${sep} --set ` : '';
  const p = plan.protocol;
  sink.writer.rule(sep, `${head}${affinity}-m ${p} -p ${p} -j DNAT --to-destination`, ep.endpoint);
}

/** Writes the SVC/SVL chains (internal masquerade rule first) and one SEP chain per reachable endpoint. */
export function writeEndpointChains(ctx: RenderContext, plan: PortPlan, sink: ServiceChainSink): void {
  const sep = endpointChainNames(plan);
  const { svc, svl } = plan.chains;
  const { cluster, local } = plan.categories;
  if (plan.usesClusterPolicyChain) openChain(sink, svc);
  if (plan.usesLocalPolicyChain) openChain(sink, svl);
  writeInternalMasquerade(ctx, plan, sink);
  if (plan.usesClusterPolicyChain) writeDispatchRules(ctx, plan, sink, svc, cluster, namesFor(sep, cluster));
  if (plan.usesLocalPolicyChain) writeDispatchRules(ctx, plan, sink, svl, local, namesFor(sep, local));
  sep.reachable.forEach((ep, i) => {
    writeEndpointChain(ctx, plan, sink, ep, sep.names[i] as string);
  });
}
