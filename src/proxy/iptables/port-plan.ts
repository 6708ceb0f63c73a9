/** Per-service-port decisions (reference §1.5): which chains a port uses and what happens without endpoints. */
import type { EndpointCategories } from '../categorize.ts';
import type { ServicePortInfo } from '../types.ts';
import type { PortChainNames, ServicePortChains } from './chain-names.ts';

/** A filter-table verdict for traffic that has no (local) endpoints to go to. */
export interface NoEndpointsVerdict {
  readonly target: 'REJECT' | 'DROP';
  /** Already quoted, as written into the rule. */
  readonly comment: string;
}

/** Everything the rule writers need to know about one service port. */
export interface PortPlan {
  readonly port: ServicePortInfo;
  /** Lower-case protocol, as written after `-m` and `-p`. */
  readonly protocol: string;
  readonly chains: ServicePortChains;
  /** The port's names, SEP names filled in on demand. */
  readonly names: PortChainNames;
  readonly categories: EndpointCategories;
  readonly usesClusterPolicyChain: boolean;
  readonly usesLocalPolicyChain: boolean;
  /** SVL for internalTrafficPolicy=Local, else SVC. */
  readonly internalTrafficChain: string;
  readonly hasInternalEndpoints: boolean;
  /** SVL for externalTrafficPolicy=Local, else SVC. */
  readonly externalPolicyChain: string;
  readonly hasExternalEndpoints: boolean;
  /** Needs an EXT chain: based on any endpoints, since short-circuit rules are needed even without local ones. */
  readonly usesExternalTrafficChain: boolean;
  readonly usesFirewallChain: boolean;
  /** FW when source ranges apply, else EXT. */
  readonly loadBalancerTrafficChain: string;
  /** Filter verdict for the cluster IP when `!hasInternalEndpoints`. */
  readonly internalVerdict: NoEndpointsVerdict | null;
  /** Filter verdict for external IPs, LB IPs and the nodePort when `!hasExternalEndpoints`. */
  readonly externalVerdict: NoEndpointsVerdict | null;
}

function verdicts(port: ServicePortInfo, hasAny: boolean, hasInternal: boolean, hasExternal: boolean) {
  if (!hasAny) {
    const reject: NoEndpointsVerdict = { target: 'REJECT', comment: `"${port.nameString} has no endpoints"` };
    return { internalVerdict: reject, externalVerdict: reject };
  }
  const drop: NoEndpointsVerdict = { target: 'DROP', comment: `"${port.nameString} has no local endpoints"` };
  return { internalVerdict: hasInternal ? null : drop, externalVerdict: hasExternal ? null : drop };
}

/** Plans one service port from its categorised endpoints and its chain names. */
export function planPort(port: ServicePortInfo, categories: EndpointCategories, names: PortChainNames): PortPlan {
  const chains = names.chains;
  const { hasAny, local, cluster } = categories;
  const hasInternalEndpoints = hasAny && !(port.internalPolicyLocal && local.length === 0);
  const hasExternalEndpoints = hasAny && !(port.externalPolicyLocal && local.length === 0);
  const usesFirewallChain = hasAny && port.loadBalancerVIPs.length > 0 && port.loadBalancerSourceRanges.length > 0;
  return {
    port,
    protocol: port.protocol.toLowerCase(),
    chains,
    names,
    categories,
    usesClusterPolicyChain: cluster.length > 0 && port.usesClusterEndpoints,
    usesLocalPolicyChain: local.length > 0 && port.usesLocalEndpoints,
    internalTrafficChain: port.internalPolicyLocal ? chains.svl : chains.svc,
    hasInternalEndpoints,
    externalPolicyChain: port.externalPolicyLocal ? chains.svl : chains.svc,
    hasExternalEndpoints,
    usesExternalTrafficChain: hasAny && port.externallyAccessible,
    usesFirewallChain,
    loadBalancerTrafficChain: usesFirewallChain ? chains.fw : chains.ext,
    ...verdicts(port, hasAny, hasInternalEndpoints, hasExternalEndpoints),
  };
}
