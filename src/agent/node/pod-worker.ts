/**
 * One pod on this node: its IP, network and container processes, its reported status, and its graceful
 * termination. Every action runs one at a time, in order, on the worker's own chain.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.d.ts';
import { type AgentApi, isApiStatus } from './api.ts';
import { type AgentClock, apiTime } from './clock.ts';
import { containerCommand } from './container-command.ts';
import { PodLogs, type RunLog, podLogFolder } from './container-logs.ts';
import type { LogRotationPolicy } from './log-rotation.ts';
import { ContainerRunner } from './container-runner.ts';
import { type LogRunChoice, chooseLogRun } from './log-request.ts';
import { type ContainerRunState, type ContainerView, type PodPhase, podStatus } from './pod-status.ts';
import { runProbe } from './probe-check.ts';
import { restartPolicyOf } from './restart-policy.ts';
import type { PodNetwork, ProcessLauncher } from './types.ts';

/** What a worker shares with the agent. */
export interface PodWorkerContext {
  readonly api: AgentApi;
  readonly clock: AgentClock;
  readonly network: PodNetwork;
  readonly launcher: ProcessLauncher;
  readonly nodeName: string;
  readonly nodeIP: string;
  readonly baseEnv: Readonly<Record<string, string>>;
  readonly log: (message: string) => void;
  /** The node's pod CIDR once IPAM has set it; resolves `undefined` if the agent stops first. */
  readonly podCIDR: () => Promise<string | undefined>;
  readonly allocateIP: (podUid: string) => string;
  readonly releaseIP: (podUid: string) => void;
  /** The node's log folder: each pod's container logs go under it (`container-logs.ts`). */
  readonly podLogDir: string;
  /** When a container's log file is rotated, and how many files are kept. */
  readonly logRotation: LogRotationPolicy;
  /** What every pod namespace name of this node starts with. */
  readonly podNamespacePrefix: string;
  /** Resolves when the agent stops: every wait gives up. */
  readonly stopping: Promise<void>;
  readonly isStopping: () => boolean;
}

/** The pod namespace prefix when the agent is not told one. */
export const DEFAULT_POD_NAMESPACE_PREFIX = 'portico-pod-';

/**
 * The pod's network namespace name: the node's prefix (so a cluster finds its pods by name) and 12 hex digits
 * of the pod's uid (unique among a node's pods).
 */
export function podNamespaceName(uid: string, prefix = DEFAULT_POD_NAMESPACE_PREFIX): string {
  return `${prefix}${uid
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .slice(0, 12)}`;
}

type Env = Readonly<Record<string, string>>;

/** Runs one pod. */
export class PodWorker {
  private chain: Promise<void> = Promise.resolve();
  private readonly runners = new Map<string, ContainerRunner>();
  /** Containers that cannot run (refused image, failed start): reported instead of their runner. */
  private readonly waiting = new Map<string, ContainerRunState>();
  private phase: 'Pending' | 'Running' = 'Pending';
  private podIP: string | undefined;
  private networkUp = false;
  private started = false;
  private terminating = false;
  private cancel: () => void = () => undefined;
  private readonly cancelled = new Promise<void>((resolve) => (this.cancel = resolve));
  private readonly startTime: string;
  private readonly namespace: string;
  private readonly uid: string;
  private readonly ref: string;
  private readonly logs: PodLogs;
  private gone = false;

  /**
   * `pod` is the first version the agent saw. Throws `LogPathError` when its namespace, name or uid cannot name a
   * log folder (see `unsafeLogNames`, which the agent checks first).
   */
  constructor(
    private readonly context: PodWorkerContext,
    private pod: Pod,
  ) {
    this.uid = pod.metadata?.uid ?? '';
    this.namespace = podNamespaceName(this.uid, context.podNamespacePrefix);
    this.ref = `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`;
    this.startTime = apiTime(context.clock.now());
    const folder = podLogFolder(
      context.podLogDir,
      pod.metadata?.namespace ?? 'default',
      pod.metadata?.name ?? '',
      this.uid,
    );
    this.logs = new PodLogs(folder, context.clock, context.log, context.logRotation);
  }

  /** The pod as last seen. */
  get current(): Pod {
    return this.pod;
  }

  /** True once the pod was removed for good (its processes, network and logs are gone). */
  get removedForGood(): boolean {
    return this.gone;
  }

  /**
   * The log of the run of `container` a request reads (kubelet's choice: see `chooseLogRun`), or kubelet's message
   * why there is none.
   */
  containerLog(container: string, previous: boolean): { ok: true; log: RunLog } | Extract<LogRunChoice, { ok: false }> {
    const podName = this.pod.metadata?.name ?? '';
    const runner = this.runners.get(container);
    const waiting = this.waiting.get(container);
    const known = runner?.logView() ?? (waiting === undefined ? undefined : { view: { state: waiting } });
    const choice = chooseLogRun(container, podName, known, previous);
    if (!choice.ok) return choice;
    const log = this.logs.run(container, choice.run);
    if (log === undefined) {
      return {
        ok: false,
        message: `container ${JSON.stringify(container)} in pod ${JSON.stringify(podName)} is terminated`,
      };
    }
    return { ok: true, log };
  }

  /** A new version of the pod: start it once, or begin its graceful termination once. */
  update(pod: Pod): void {
    this.pod = pod;
    if (pod.metadata?.deletionTimestamp !== undefined) this.terminate(true);
    else if (!this.started && !this.terminating) {
      this.started = true;
      this.enqueue('start', () => this.start());
    }
  }

  /** The pod is gone from the API (e.g. force-deleted): stop its processes without confirming anything. */
  removed(): void {
    this.terminate(false);
  }

  /** After the agent began stopping: waits for the chain, kills every process, removes the network. */
  async shutdown(): Promise<void> {
    this.cancel();
    await this.chain;
    await this.killAll();
    await this.cleanup();
    // A stopped kubelet leaves the log files; only the pod's removal deletes them.
    this.logs.close();
  }

  private isTerminating(): boolean {
    return this.terminating;
  }

  private terminate(confirm: boolean): void {
    if (this.terminating) return;
    this.terminating = true;
    this.cancel();
    this.enqueue('terminate', () => this.stopGracefully(confirm));
  }

  private enqueue(what: string, action: () => Promise<void>): void {
    this.chain = this.chain.then(action).catch((error: unknown) => {
      this.context.log(`pod ${this.ref}: ${what}: ${String(error)}`);
    });
  }

  private async start(): Promise<void> {
    const cidr = await Promise.race([this.context.podCIDR(), this.cancelled.then(() => undefined)]);
    if (cidr === undefined || this.terminating || this.context.isStopping()) return;
    const podIP = this.context.allocateIP(this.uid);
    const identity = { podName: this.pod.metadata?.name ?? '', podIP, nodeName: this.context.nodeName };
    const containers = this.pod.spec?.containers ?? [];
    const commands = containers.map((c) => ({
      name: c.name,
      run: containerCommand(c, identity, this.context.baseEnv),
    }));
    const refused = commands.filter((c) => !c.run.ok);
    if (refused.length > 0) {
      // Nothing can start, so no address or network is held for it.
      this.context.releaseIP(this.uid);
      for (const { name, run } of refused) {
        if (!run.ok) this.waiting.set(name, { kind: 'waiting', reason: run.reason, message: run.message });
      }
      await this.writeStatus();
      return;
    }
    this.podIP = podIP;
    try {
      await this.context.network.setup({ podNamespace: this.namespace, podIP, podCIDR: cidr });
      this.networkUp = true;
      for (const [index, { run }] of commands.entries()) {
        const container = containers[index];
        // Deletion or stop may arrive while earlier containers start.
        if (!run.ok || container === undefined || this.isTerminating() || this.context.isStopping()) continue;
        await this.launch(container, run.argv, run.env, podIP);
      }
    } catch (error) {
      await this.killAll();
      await this.cleanup();
      for (const c of containers) {
        this.waiting.set(c.name, { kind: 'waiting', reason: 'CreateContainerError', message: String(error) });
      }
      await this.writeStatus();
      throw error;
    }
    this.phase = 'Running';
    await this.writeStatus();
  }

  private async launch(container: Container, argv: readonly string[], env: Env, podIP: string): Promise<void> {
    const { clock, launcher, log } = this.context;
    const podNamespace = this.namespace;
    const target = { podIP, podNamespace, container, env, launcher, clock };
    const runner = new ContainerRunner({
      container,
      restartPolicy: restartPolicyOf(this.pod.spec?.restartPolicy),
      clock,
      launch: async (run) => {
        const output = this.logs.startRun(container.name, run);
        try {
          return await launcher.launch({
            podNamespace,
            argv,
            env,
            onOutput: (line, stream, partial) => {
              output.write(stream, line, partial);
            },
            onOutputEnd: () => {
              output.finish();
            },
          });
        } catch (error) {
          output.finish();
          throw error;
        }
      },
      check: (probe) => (timeoutMs, signal) => runProbe(probe, target, timeoutMs, signal),
      changed: () => {
        // Exits during termination or agent stop are expected; nothing more is reported for them.
        if (!this.terminating && !this.context.isStopping()) this.enqueue('report', () => this.report());
      },
      podRef: `pod=${this.ref}`,
      log: (message) => {
        log(`pod ${this.ref}: ${message}`);
      },
    });
    this.runners.set(container.name, runner);
    await runner.start();
  }

  /**
   * Writes the status; once every container has finished for good, the pod's network and IP go first, so whoever
   * sees Succeeded or Failed can rely on them being released.
   */
  private async report(): Promise<void> {
    const phase = this.currentPhase();
    if ((phase === 'Succeeded' || phase === 'Failed') && !this.terminating) await this.cleanup();
    await this.writeStatus();
  }

  /** Succeeded or Failed once every container has terminated and none will restart. */
  private currentPhase(): PodPhase {
    const runners = [...this.runners.values()];
    if (this.phase === 'Pending' || runners.length === 0 || !runners.every((r) => r.finished)) return this.phase;
    return runners.every((r) => r.exitCode === 0) ? 'Succeeded' : 'Failed';
  }

  private views(): Map<string, ContainerView> {
    const views = new Map<string, ContainerView>();
    for (const [name, runner] of this.runners) views.set(name, runner.view());
    for (const [name, state] of this.waiting) views.set(name, { state });
    return views;
  }

  private async stopGracefully(confirm: boolean): Promise<void> {
    const runners = [...this.runners.values()];
    const halted = Promise.all(runners.map((r) => r.halt('SIGTERM')));
    const graceSeconds =
      this.pod.metadata?.deletionGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30;
    let cancelTimer: () => void = () => undefined;
    const graceOver = new Promise<void>((resolve) => {
      if (runners.length === 0) resolve();
      else cancelTimer = this.context.clock.setTimer(graceSeconds * 1000, resolve);
    });
    await Promise.race([halted, graceOver, this.context.stopping]);
    cancelTimer();
    await this.killAll();
    await this.cleanup();
    if (this.context.isStopping()) return;
    try {
      if (confirm) await this.confirmDeletion();
    } finally {
      // The pod is gone for good: so are its logs, as kubelet removes them with the pod.
      this.gone = true;
      this.logs.remove();
    }
  }

  /** The final DELETE (grace period 0, this uid only); a pod already gone or replaced is fine. */
  private async confirmDeletion(): Promise<void> {
    const name = this.pod.metadata?.name ?? '';
    const path = `/api/v1/namespaces/${this.pod.metadata?.namespace ?? 'default'}/pods/${name}`;
    const body = { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0, preconditions: { uid: this.uid } };
    await this.context.api.request('DELETE', path, body).catch((error: unknown) => {
      if (!isApiStatus(error, 404, 409)) throw error;
    });
  }

  private async killAll(): Promise<void> {
    await Promise.all([...this.runners.values()].map((r) => r.halt('SIGKILL')));
  }

  private async cleanup(): Promise<void> {
    if (this.networkUp) {
      this.networkUp = false;
      await this.context.network.teardown(this.namespace);
    }
    this.context.releaseIP(this.uid);
  }

  /** Writes the status through the `status` subresource, re-reading the pod on a conflict. */
  private async writeStatus(): Promise<void> {
    const path = `/api/v1/namespaces/${this.pod.metadata?.namespace ?? 'default'}/pods/${this.pod.metadata?.name ?? ''}`;
    for (let attempt = 0; attempt < 5; attempt++) {
      if (this.context.isStopping()) return;
      const current = (await this.context.api.request('GET', path)) as Pod;
      if (current.metadata?.uid !== this.uid) return;
      const status = podStatus(current, {
        phase: this.currentPhase(),
        hostIP: this.context.nodeIP,
        ...(this.podIP === undefined ? {} : { podIP: this.podIP }),
        startTime: current.status?.startTime ?? this.startTime,
        now: apiTime(this.context.clock.now()),
        containers: this.views(),
      });
      try {
        await this.context.api.request('PUT', `${path}/status`, { ...current, status });
        return;
      } catch (error) {
        if (!isApiStatus(error, 409)) throw error;
      }
    }
  }
}
