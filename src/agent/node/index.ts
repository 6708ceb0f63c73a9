/** The node agent: Node registration, Lease heartbeat, and the node's pods as processes. */
export { AgentApi, ApiRequestError, isApiStatus } from './api.ts';
export { DEFAULT_LEASE_RENEW_MS, startNodeAgent, type NodeAgent, type NodeAgentOptions } from './agent.ts';
export { apiTime, microTime, systemClock, type AgentClock } from './clock.ts';
export { PodLogs, RunLog, podLogFolder, type LogSegment } from './container-logs.ts';
export {
  LogPathError,
  checkContainerLogName,
  checkPodLogNames,
  containerLogFolder,
  unsafeLogNames,
} from './log-paths.ts';
export { readLogLines, startPosition, tailPosition, type LogPosition } from './log-reader.ts';
export {
  DEFAULT_LOG_ROTATION,
  LogRotationError,
  checkLogMaxFiles,
  parseLogMaxSize,
  rotationSuffix,
  type LogRotationPolicy,
} from './log-rotation.ts';
export { MAX_LOG_LINE_BYTES, OutputLineSplitter, type OutputLineHandler } from './output-lines.ts';
export { containerCommand, type ContainerCommand, type PodIdentity } from './container-command.ts';
export {
  DEFAULT_KUBELET_PORT,
  startKubeletServer,
  type KubeletServer,
  type KubeletServerOptions,
  type LogSource,
} from './kubelet-server.ts';
export {
  formatLogEntry,
  logTimestamp,
  parseLogEntry,
  parseLogFile,
  type LogEntry,
  type LogStream,
} from './log-format.ts';
export { chooseLogRun, parseLogQuery, type ContainerLogView, type LogQuery, type LogRunChoice } from './log-request.ts';
export { LogPrinter, type LogReadOptions } from './log-select.ts';
export { streamRunLog, type LogSink, type StreamLogOptions } from './log-stream.ts';
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
export { signalProcessGroup, spawnProcess } from './spawn-process.ts';
export type { LaunchedProcess, LaunchRequest, PodNetwork, PodNetworkRequest, ProcessLauncher } from './types.ts';
