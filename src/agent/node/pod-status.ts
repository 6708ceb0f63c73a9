/** The `status` the agent reports for a pod, from what it knows of its containers. */
import type {
  Container,
  ContainerStateTerminated,
  ContainerStatus,
  Pod,
  PodCondition,
  PodStatus,
} from 'kubernetes-types/core/v1.d.ts';

/** What one container is doing, as the agent saw it. */
export type ContainerRunState =
  | { readonly kind: 'waiting'; readonly reason: string; readonly message?: string }
  | { readonly kind: 'running'; readonly startedAt: string; readonly pid: number }
  | {
      readonly kind: 'terminated';
      readonly exitCode: number;
      readonly startedAt: string;
      readonly finishedAt: string;
      readonly pid: number;
    };

/** A container's terminated state. */
export type TerminatedRunState = Extract<ContainerRunState, { kind: 'terminated' }>;

/** What the status reports for one container: its state, readiness, restarts and previous termination. */
export interface ContainerView {
  readonly state: ContainerRunState;
  /** Only a running container can be ready; false when unset. */
  readonly ready?: boolean;
  readonly restartCount?: number;
  readonly lastTerminated?: TerminatedRunState;
}

/** The pod phases the agent reports. */
export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

/** The facts the status is built from. */
export interface PodStatusFacts {
  readonly phase: PodPhase;
  readonly hostIP: string;
  readonly podIP?: string;
  readonly startTime: string;
  /** When these facts were observed: the `lastTransitionTime` of conditions that change now. */
  readonly now: string;
  readonly containers: ReadonlyMap<string, ContainerView>;
}

function terminatedStatus(state: TerminatedRunState): ContainerStateTerminated {
  return {
    exitCode: state.exitCode,
    reason: state.exitCode === 0 ? 'Completed' : 'Error',
    startedAt: state.startedAt,
    finishedAt: state.finishedAt,
    containerID: `portico://${state.pid}`,
  };
}

function containerStatus(container: Container, view: ContainerView | undefined): ContainerStatus {
  const last = view?.lastTerminated;
  const base = {
    name: container.name,
    image: container.image ?? '',
    imageID: '',
    restartCount: view?.restartCount ?? 0,
    ...(last === undefined ? {} : { lastState: { terminated: terminatedStatus(last) } }),
  };
  const state = view?.state;
  if (state === undefined || state.kind === 'waiting') {
    const { reason, message } = state ?? { reason: 'ContainerCreating', message: undefined };
    const waiting = message === undefined ? { reason } : { reason, message };
    return { ...base, ready: false, started: false, state: { waiting } };
  }
  const containerID = `portico://${state.pid}`;
  if (state.kind === 'running') {
    const ready = view?.ready ?? false;
    return { ...base, containerID, ready, started: true, state: { running: { startedAt: state.startedAt } } };
  }
  return { ...base, containerID, ready: false, started: false, state: { terminated: terminatedStatus(state) } };
}

/** Keeps a condition's `lastTransitionTime` when its status did not change. */
function condition(previous: readonly PodCondition[], type: string, ok: boolean, now: string): PodCondition {
  const status = ok ? 'True' : 'False';
  const old = previous.find((c) => c.type === type);
  const lastTransitionTime = old?.status === status ? (old.lastTransitionTime ?? now) : now;
  return { type, status, lastTransitionTime };
}

/** The pod's new `status`, keeping conditions the agent does not own (e.g. `PodScheduled`). */
export function podStatus(pod: Pod, facts: PodStatusFacts): PodStatus {
  const containers = pod.spec?.containers ?? [];
  const containerStatuses = containers.map((c) => containerStatus(c, facts.containers.get(c.name)));
  const ready = containerStatuses.length > 0 && containerStatuses.every((s) => s.ready);
  const previous = pod.status?.conditions ?? [];
  const owned = ['Initialized', 'ContainersReady', 'Ready'];
  const conditions = [
    ...previous.filter((c) => !owned.includes(c.type)),
    condition(previous, 'Initialized', true, facts.now),
    condition(previous, 'ContainersReady', ready, facts.now),
    condition(previous, 'Ready', ready, facts.now),
  ];
  const addresses = facts.podIP === undefined ? {} : { podIP: facts.podIP, podIPs: [{ ip: facts.podIP }] };
  return {
    phase: facts.phase,
    hostIP: facts.hostIP,
    hostIPs: [{ ip: facts.hostIP }],
    ...addresses,
    startTime: facts.startTime,
    conditions,
    containerStatuses,
  };
}
