/** Service enum values and defaults, spelled once (core/v1 constants). */

/** spec.type values. */
export const ServiceType = {
  ClusterIP: 'ClusterIP',
  NodePort: 'NodePort',
  LoadBalancer: 'LoadBalancer',
  ExternalName: 'ExternalName',
} as const;

/** spec.sessionAffinity values. */
export const SessionAffinity = { ClientIP: 'ClientIP', None: 'None' } as const;

/** spec.externalTrafficPolicy and spec.internalTrafficPolicy values. */
export const TrafficPolicy = { Cluster: 'Cluster', Local: 'Local' } as const;

/** spec.ipFamilyPolicy values. */
export const IPFamilyPolicy = {
  SingleStack: 'SingleStack',
  PreferDualStack: 'PreferDualStack',
  RequireDualStack: 'RequireDualStack',
} as const;

/** spec.ipFamilies values. */
export const IPFamily = { IPv4: 'IPv4', IPv6: 'IPv6' } as const;

/** An IP family name. */
export type IPFamilyName = (typeof IPFamily)[keyof typeof IPFamily];

/** The clusterIP value that makes a Service headless. */
export const CLUSTER_IP_NONE = 'None';

/** Default spec.sessionAffinityConfig.clientIP.timeoutSeconds (3 hours). */
export const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

/** Largest allowed spec.sessionAffinityConfig.clientIP.timeoutSeconds (1 day). */
export const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;

/** Sorted lists upstream prints in "supported values" messages. */
export const SUPPORTED_SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
export const SUPPORTED_SESSION_AFFINITIES = ['ClientIP', 'None'];
export const SUPPORTED_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
export const SUPPORTED_TRAFFIC_POLICIES = ['Cluster', 'Local'];
export const SUPPORTED_IP_FAMILIES = ['IPv4', 'IPv6'];
export const SUPPORTED_IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
export const SUPPORTED_TRAFFIC_DISTRIBUTIONS = ['PreferClose', 'PreferSameZone', 'PreferSameNode'];

/** Annotations validation looks at. */
export const ANNOTATION_LB_SOURCE_RANGES = 'service.beta.kubernetes.io/load-balancer-source-ranges';
export const ANNOTATION_TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';
export const ANNOTATION_TOPOLOGY_AWARE_HINTS = 'service.kubernetes.io/topology-aware-hints';

/** The Go type names that appear in `%#v` renderings of bad values. */
export const GO_IP_FAMILY_SLICE = 'core.IPFamily';
