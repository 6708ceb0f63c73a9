/** The proxy model: what one IP family's proxier knows about Services and their endpoints. */
import type { IPFamily } from '../net/index.ts';

/** A Service port protocol (the API's spelling). */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** One port of one Service, normalised for one IP family (upstream `BaseServicePortInfo`). */
export interface ServicePortInfo {
  /** Unique map key: `{nameString}/{protocol}` (the ServicePortName with its protocol). */
  readonly key: string;
  /** `namespace/name` of the Service. */
  readonly namespacedName: string;
  /** The Service port's name (`""` for an unnamed port). */
  readonly portName: string;
  /** `ServicePortName.String()`: `ns/name` plus `:portName` when named; the protocol is not part of it. */
  readonly nameString: string;
  readonly protocol: Protocol;
  /** The family's cluster IP, canonically printed. */
  readonly clusterIP: string;
  readonly port: number;
  /** 0 when the port has no nodePort. */
  readonly nodePort: number;
  /** External IPs of this family, in spec order. */
  readonly externalIPs: readonly string[];
  /** VIP-mode load-balancer ingress IPs of this family, in status order. */
  readonly loadBalancerVIPs: readonly string[];
  /** Source ranges of this family, trimmed and printed as network/prefix, in spec order. */
  readonly loadBalancerSourceRanges: readonly string[];
  /** Seconds of ClientIP stickiness; 0 when session affinity is not ClientIP. */
  readonly stickyMaxAgeSeconds: number;
  readonly sessionAffinityClientIP: boolean;
  readonly externalPolicyLocal: boolean;
  readonly internalPolicyLocal: boolean;
  /** 0 when there is none (only eTP=Local LoadBalancers have one). */
  readonly healthCheckNodePort: number;
  /** Reachable through a nodePort, a load-balancer VIP or an external IP. */
  readonly externallyAccessible: boolean;
  /** Ever sends traffic to endpoints chosen by the Cluster policy. */
  readonly usesClusterEndpoints: boolean;
  /** Ever sends traffic to endpoints chosen by the Local policy. */
  readonly usesLocalEndpoints: boolean;
}

/** One endpoint of one service port (upstream `BaseEndpointInfo`). */
export interface EndpointInfo {
  /** The endpoint's IP, canonically printed, no brackets. */
  readonly ip: string;
  readonly port: number;
  /** `ip:port`, or `[ip]:port` for IPv6: the sort and dedup key, and part of the SEP chain hash. */
  readonly endpoint: string;
  /** On the proxy's own node. */
  readonly isLocal: boolean;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  /** Zone names from `hints.forZones`, sorted. */
  readonly zoneHints: readonly string[];
  /** Node names from `hints.forNodes`, sorted. */
  readonly nodeHints: readonly string[];
}

/** One Service as proxied: its ports in spec order. */
export interface ProxyService {
  /** `namespace/name`. */
  readonly namespacedName: string;
  readonly ports: readonly ServicePortInfo[];
}

/** Endpoints of one Service, per service-port key, each list sorted byte-wise by endpoint string. */
export type ServiceEndpoints = ReadonlyMap<string, readonly EndpointInfo[]>;

/** Everything one proxier (one IP family) renders from: the input of every renderer. */
export interface ProxySnapshot {
  readonly ipFamily: IPFamily;
  readonly nodeName: string;
  /** The node's topology labels (only `topology.kubernetes.io/zone` matters). */
  readonly topologyLabels: Readonly<Record<string, string>>;
  /** Proxied Services sorted byte-wise by `namespace/name`. */
  readonly services: readonly ProxyService[];
  /** Endpoints by `namespace/name`, also for Services that do not exist (yet). */
  readonly endpoints: ReadonlyMap<string, ServiceEndpoints>;
}

/** The node a proxier runs for. */
export interface ProxyNode {
  readonly name: string;
  readonly ipFamily: IPFamily;
  readonly topologyLabels?: Readonly<Record<string, string>>;
}
