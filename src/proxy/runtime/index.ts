/** The proxy runtime: change tracking, the sync loop, kernel effects behind interfaces, health and metrics. */
export { BoundedFrequencyRunner, type BoundedRunnerOptions } from './bounded-runner.ts';
export { lastChangeTriggerTimeAnnotation, ProxyChangeTracker, type PendingChanges } from './change-tracker.ts';
export { cleanupIptables, type CleanupReport } from './cleanup.ts';
export { systemClock, type Clock, type Timer } from './clock.ts';
export { conntrackCommand, type ConntrackTable, type FlowFilter, type UdpFlow } from './conntrack.ts';
export {
  CommandError,
  runChecked,
  spawnCommand,
  withCommandPrefix,
  type CommandResult,
  type CommandRunner,
} from '../../exec/command.ts';
export { FakeClock } from './fake-clock.ts';
export { FakeIptablesRunner } from './fake-iptables-runner.ts';
export { IptablesProxier, defaultFullSyncPeriodMs, type ProxierOptions, type SyncOutcome } from './iptables-proxier.ts';
export { chainsInDump, createIptablesRunner, type IptablesRunner } from './iptables-runner.ts';
export { lineLogger, memoryLogger, silentLogger, type Logger } from './logger.ts';
export { ProxyMetrics } from './metrics.ts';
export { ProxyHealth, nodeEligible, type HealthAnswer } from './proxy-health.ts';
export { ServiceHealthServers, serviceHealthAnswer, serviceHealthBody } from './service-health.ts';
export { startProxyRuntime, type ProxyRuntime, type ProxyRuntimeOptions } from './runtime.ts';
export { applySysctls, sysctlPlan, type SysctlPlan } from './sysctls.ts';
