/**
 * The READY, STATUS and RESTARTS cells of a Pod, computed as upstream `printPod` does: init
 * containers first (`Init:1/2`, `Init:CrashLoopBackOff`), then the app containers from last to first,
 * then `Terminating` / `Unknown` for pods being deleted.
 */
import type {
  Container,
  ContainerStateTerminated,
  ContainerStatus,
  Pod,
  PodCondition,
} from 'kubernetes-types/core/v1.d.ts';
import { parseTimestamp } from './duration.ts';
import { loose } from './loose.ts';

/** What `printPod` works out before formatting. */
export interface PodSummary {
  readonly ready: number;
  readonly total: number;
  readonly reason: string;
  readonly restarts: number;
  /** When the most recent restart ended (ms since the epoch), if any container reported one. */
  readonly lastRestart: number | undefined;
}

/** `node.NodeUnreachablePodReason`: set on pods whose node stopped reporting. */
const NODE_LOST_REASON = 'NodeLost';

interface RestartTally {
  count: number;
  last: number | undefined;
}

function countRestart(tally: RestartTally, status: ContainerStatus): void {
  tally.count += loose(status.restartCount) ?? 0;
  const finished = parseTimestamp(status.lastState?.terminated?.finishedAt);
  if (finished !== undefined && (tally.last === undefined || tally.last < finished)) tally.last = finished;
}

/** The exit code, 0 when absent (as Go decodes a missing int32). */
function exitCode(terminated: ContainerStateTerminated): number {
  return loose(terminated.exitCode) ?? 0;
}

/** A sidecar: an init container with `restartPolicy: Always`. */
function isRestartable(container: Container | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

function conditionIsTrue(conditions: readonly PodCondition[] | undefined, type: string): boolean {
  const found = (conditions ?? []).find((c) => c.type === type);
  return found?.status === 'True';
}

function initialReason(pod: Pod): string {
  let reason =
    pod.status?.reason !== undefined && pod.status.reason !== '' ? pod.status.reason : (pod.status?.phase ?? '');
  for (const condition of pod.status?.conditions ?? []) {
    if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  return reason;
}

/** The reason an unfinished init container gives, or undefined when it completed (or is a started sidecar). */
function initContainerReason(status: ContainerStatus, index: number, spec: Container | undefined, total: number) {
  const terminated = status.state?.terminated;
  if (terminated !== undefined && exitCode(terminated) === 0) return undefined;
  if (isRestartable(spec) && status.started === true) return undefined;
  if (terminated !== undefined) {
    if (terminated.reason !== undefined && terminated.reason !== '') return `Init:${terminated.reason}`;
    const signal = terminated.signal ?? 0;
    return signal !== 0 ? `Init:Signal:${signal}` : `Init:ExitCode:${exitCode(terminated)}`;
  }
  const waiting = status.state?.waiting?.reason;
  if (waiting !== undefined && waiting !== '' && waiting !== 'PodInitializing') return `Init:${waiting}`;
  return `Init:${index}/${total}`;
}

interface InitOutcome {
  readonly reason: string | undefined;
  readonly ready: number;
  readonly all: RestartTally;
  readonly sidecars: RestartTally;
}

function summarizeInitContainers(pod: Pod): InitOutcome {
  const initContainers = pod.spec?.initContainers ?? [];
  const initCount = initContainers.length;
  const specs = new Map(initContainers.map((c) => [c.name, c]));
  const all: RestartTally = { count: 0, last: undefined };
  const sidecars: RestartTally = { count: 0, last: undefined };
  let ready = 0;
  const statuses = pod.status?.initContainerStatuses ?? [];
  for (const [index, status] of statuses.entries()) {
    const spec = specs.get(status.name);
    countRestart(all, status);
    if (isRestartable(spec)) countRestart(sidecars, status);
    const reason = initContainerReason(status, index, spec, initCount);
    if (reason !== undefined) return { reason, ready, all, sidecars };
    // A started sidecar that has not exited counts towards READY like an app container.
    const terminated = status.state?.terminated;
    const completed = terminated !== undefined && exitCode(terminated) === 0;
    if (!completed && isRestartable(spec) && status.started === true && status.ready) ready++;
  }
  return { reason: undefined, ready, all, sidecars };
}

function appContainerReason(status: ContainerStatus): string | undefined {
  const waiting = status.state?.waiting?.reason;
  if (waiting !== undefined && waiting !== '') return waiting;
  const terminated = status.state?.terminated;
  if (terminated === undefined) return undefined;
  if (terminated.reason !== undefined && terminated.reason !== '') return terminated.reason;
  const signal = terminated.signal ?? 0;
  return signal !== 0 ? `Signal:${signal}` : `ExitCode:${exitCode(terminated)}`;
}

/** The READY/STATUS/RESTARTS inputs of `pod`. */
export function summarizePod(pod: Pod): PodSummary {
  const sidecarCount = (pod.spec?.initContainers ?? []).filter(isRestartable).length;
  const total = (pod.spec?.containers ?? []).length + sidecarCount;
  const init = summarizeInitContainers(pod);
  let reason = init.reason ?? initialReason(pod);
  let ready = init.ready;
  let tally = init.all;
  if (init.reason === undefined || conditionIsTrue(pod.status?.conditions, 'Initialized')) {
    // Once initialized, only sidecar restarts count, plus the app containers'.
    tally = { ...init.sidecars };
    let hasRunning = false;
    const statuses = pod.status?.containerStatuses ?? [];
    for (const status of [...statuses].reverse()) {
      countRestart(tally, status);
      const containerReason = appContainerReason(status);
      if (containerReason !== undefined) reason = containerReason;
      else if (status.ready && status.state?.running !== undefined) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = conditionIsTrue(pod.status?.conditions, 'Ready') ? 'Running' : 'NotReady';
    }
  }
  reason = deletionReason(pod, reason);
  return { ready, total, reason, restarts: tally.count, lastRestart: tally.last };
}

function deletionReason(pod: Pod, reason: string): string {
  if (pod.metadata?.deletionTimestamp === undefined) return reason;
  if (pod.status?.reason === NODE_LOST_REASON) return 'Unknown';
  const phase = pod.status?.phase;
  return phase === 'Failed' || phase === 'Succeeded' ? reason : 'Terminating';
}
