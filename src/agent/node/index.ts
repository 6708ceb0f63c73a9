/** The node agent: Node registration, Lease heartbeat, and the node's pods as processes. */
export { AgentApi, ApiRequestError, isApiStatus } from './api.ts';
export { DEFAULT_LEASE_RENEW_MS, startNodeAgent, type NodeAgent, type NodeAgentOptions } from './agent.ts';
export { apiTime, microTime, systemClock, type AgentClock } from './clock.ts';
export { containerCommand, type ContainerCommand, type PodIdentity } from './container-command.ts';
export { netnsProcessLauncher } from './netns-launcher.ts';
export { netnsPodNetwork, type NetnsPodNetworkOptions } from './netns-network.ts';
export { cidrGateway, cidrPrefix, PodCIDRError, PodIPAllocator } from './pod-ips.ts';
export { podNamespaceName } from './pod-worker.ts';
export { resolveProbePort, runProbe, type ProbeTarget } from './probe-check.ts';
export { PROBE_DEFAULTS, ProbeLoop, type ProbeCheck } from './prober.ts';
export {
  BACKOFF_INITIAL_MS,
  BACKOFF_MAX_MS,
  nextBackOffMs,
  restartPolicyOf,
  shouldRestart,
  type RestartPolicy,
} from './restart-policy.ts';
export { LEASE_DURATION_SECONDS, NODE_LEASE_NAMESPACE, registerNode, renewLease } from './registration.ts';
export { spawnProcess } from './spawn-process.ts';
export type { LaunchedProcess, LaunchRequest, PodNetwork, PodNetworkRequest, ProcessLauncher } from './types.ts';
