/**
 * One container of a running pod: its process, its readiness and liveness probes, and its restarts under the
 * pod's restart policy with kubelet's back-off, all timed on the agent's clock.
 */
import type { Container, Probe } from 'kubernetes-types/core/v1.d.ts';
import { type AgentClock, apiTime } from './clock.ts';
import type { ContainerLogView } from './log-request.ts';
import type { ContainerRunState, ContainerView, TerminatedRunState } from './pod-status.ts';
import { type ProbeCheck, ProbeLoop } from './prober.ts';
import { BACKOFF_RESET_MS, nextBackOffMs, type RestartPolicy, shouldRestart } from './restart-policy.ts';
import type { LaunchedProcess } from './types.ts';

/** What a runner needs from its pod. */
export interface ContainerRunnerOptions {
  readonly container: Container;
  readonly restartPolicy: RestartPolicy;
  readonly clock: AgentClock;
  /** Starts run number `run` (the restart count: 0 first) of the container's process; throws when it cannot. */
  readonly launch: (run: number) => Promise<LaunchedProcess>;
  /** How to attempt one of the container's probes. */
  readonly check: (probe: Probe) => ProbeCheck;
  /** The reported state changed (readiness, exit, restart, back-off). */
  readonly changed: () => void;
  /** `pod=<namespace>/<name>`, for messages. */
  readonly podRef: string;
  readonly log: (message: string) => void;
}

/** Runs one container until halted. */
export class ContainerRunner {
  private state: ContainerRunState = { kind: 'waiting', reason: 'ContainerCreating' };
  private restartCount = 0;
  private lastTerminated: TerminatedRunState | undefined;
  /** The run numbers behind `state` (running or terminated) and `lastTerminated`, for the logs. */
  private stateRun: number | undefined;
  private lastRun: number | undefined;
  private process: LaunchedProcess | undefined;
  private probes: ProbeLoop[] = [];
  private ready = false;
  private done = false;
  private halted = false;
  private backOffMs = 0;
  private cancelBackOff: () => void = () => undefined;
  private launching: Promise<void> = Promise.resolve();

  /** Restarts and probes follow `options`. */
  constructor(private readonly options: ContainerRunnerOptions) {}

  /** The first start; throws when the process cannot start. */
  async start(): Promise<void> {
    const run = this.run();
    this.launching = run.catch(() => undefined);
    await run;
  }

  /** True once the container has exited and will not be started again. */
  get finished(): boolean {
    return this.done;
  }

  /** The last exit code, once terminated. */
  get exitCode(): number | undefined {
    return this.state.kind === 'terminated' ? this.state.exitCode : undefined;
  }

  /** What the pod's status reports for this container. */
  view(): ContainerView {
    return {
      state: this.state,
      ready: this.state.kind === 'running' && this.ready,
      restartCount: this.restartCount,
      ...(this.lastTerminated === undefined ? {} : { lastTerminated: this.lastTerminated }),
    };
  }

  /** The view with the run numbers behind it, which tell the log endpoint which run's file to read. */
  logView(): ContainerLogView {
    return {
      view: this.view(),
      ...(this.stateRun === undefined ? {} : { stateRun: this.stateRun }),
      ...(this.lastRun === undefined ? {} : { lastRun: this.lastRun }),
    };
  }

  /** No more restarts or probes; sends `signal` to the process (if any) and waits for it to end. */
  async halt(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    this.halted = true;
    this.cancelBackOff();
    await Promise.all([this.stopProbes(), this.launching]);
    const child = this.process;
    if (child === undefined) return;
    child.kill(signal);
    await child.exited;
  }

  private async run(): Promise<void> {
    const run = this.restartCount;
    const child = await this.options.launch(run);
    if (this.halted) {
      child.kill('SIGKILL');
      await child.exited;
      return;
    }
    const startedAt = this.options.clock.now();
    this.process = child;
    this.stateRun = run;
    this.state = { kind: 'running', startedAt: apiTime(startedAt), pid: child.pid };
    this.startProbes();
    void child.exited.then((exitCode) => {
      this.exited(child, exitCode, startedAt);
    });
  }

  private exited(child: LaunchedProcess, exitCode: number, startedAt: Date): void {
    const now = this.options.clock.now();
    this.process = undefined;
    void this.stopProbes();
    const terminated: TerminatedRunState = {
      kind: 'terminated',
      exitCode,
      startedAt: apiTime(startedAt),
      finishedAt: apiTime(now),
      pid: child.pid,
    };
    this.state = terminated;
    if (this.halted) return;
    if (!shouldRestart(this.options.restartPolicy, exitCode)) {
      this.done = true;
      this.options.changed();
      return;
    }
    this.lastTerminated = terminated;
    this.lastRun = this.stateRun;
    if (now.getTime() - startedAt.getTime() >= BACKOFF_RESET_MS) this.backOffMs = 0;
    this.scheduleRestart();
  }

  /** Restarts now the first time, else reports CrashLoopBackOff and restarts when the back-off ends. */
  private scheduleRestart(): void {
    const delay = this.backOffMs;
    this.backOffMs = nextBackOffMs(delay);
    if (delay === 0) {
      this.restart();
      return;
    }
    const { container, podRef } = this.options;
    const message = `back-off ${delay / 1000}s restarting failed container=${container.name} ${podRef}`;
    this.state = { kind: 'waiting', reason: 'CrashLoopBackOff', message };
    this.cancelBackOff = this.options.clock.setTimer(delay, () => {
      this.restart();
    });
    this.options.changed();
  }

  private restart(): void {
    if (this.halted) return;
    this.restartCount++;
    this.launching = this.run().then(
      () => {
        this.options.changed();
      },
      (error: unknown) => {
        // A start that fails is retried after the next back-off, like a crash.
        this.options.log(`container ${this.options.container.name}: ${String(error)}`);
        this.scheduleRestart();
      },
    );
  }

  private startProbes(): void {
    const { readinessProbe, livenessProbe } = this.options.container;
    // Without a readiness probe a running container is ready.
    this.ready = readinessProbe === undefined;
    const loops: ProbeLoop[] = [];
    if (readinessProbe !== undefined) {
      const onChange = (ok: boolean): void => {
        this.ready = ok;
        this.options.changed();
      };
      loops.push(this.probeLoop(readinessProbe, onChange, false));
    }
    if (livenessProbe !== undefined) {
      const onChange = (ok: boolean): void => {
        if (ok) return;
        this.options.log(`container ${this.options.container.name}: liveness probe failed, killing it`);
        this.process?.kill('SIGKILL');
      };
      loops.push(this.probeLoop(livenessProbe, onChange, true));
    }
    this.probes = loops;
    for (const loop of loops) loop.start();
  }

  private probeLoop(probe: Probe, onChange: (ok: boolean) => void, initial: boolean): ProbeLoop {
    return new ProbeLoop(probe, this.options.clock, this.options.check(probe), onChange, initial);
  }

  /** Resolves once any attempt in flight (e.g. an exec probe's process) is over. */
  private async stopProbes(): Promise<void> {
    const loops = this.probes;
    this.probes = [];
    this.ready = false;
    await Promise.all(loops.map((loop) => loop.stop()));
  }
}
