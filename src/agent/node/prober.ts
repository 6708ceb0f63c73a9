/** A probe run periodically on the agent's clock, turning consecutive results into a success/failure state. */
import type { Probe } from 'kubernetes-types/core/v1.d.ts';
import type { AgentClock } from './clock.ts';

/** Upstream's defaults for every probe field left unset. */
export const PROBE_DEFAULTS = {
  initialDelaySeconds: 0,
  periodSeconds: 10,
  timeoutSeconds: 1,
  successThreshold: 1,
  failureThreshold: 3,
} as const;

/** One probe attempt; resolves true on success, false once `signal` aborts it (it must not reject). */
export type ProbeCheck = (timeoutMs: number, signal: AbortSignal) => Promise<boolean>;

/** Runs one probe until stopped; `onChange` hears each flip of its result. */
export class ProbeLoop {
  private successes = 0;
  private failures = 0;
  private stopped = false;
  private cancelTimer: () => void = () => undefined;
  private readonly abort = new AbortController();
  private inFlight: Promise<void> = Promise.resolve();

  /** `result` is the state before any attempt: readiness starts failed, liveness succeeded. */
  constructor(
    private readonly probe: Probe,
    private readonly clock: AgentClock,
    private readonly check: ProbeCheck,
    private readonly onChange: (ok: boolean) => void,
    private result: boolean,
  ) {}

  /** The current result. */
  get ok(): boolean {
    return this.result;
  }

  /** First attempt after `initialDelaySeconds` (right away for 0), then every `periodSeconds`. */
  start(): void {
    const delay = (this.probe.initialDelaySeconds ?? PROBE_DEFAULTS.initialDelaySeconds) * 1000;
    if (delay > 0) this.schedule(delay);
    else this.inFlight = this.attempt();
  }

  /** No further attempts or changes; aborts the current attempt and resolves once it is over. */
  stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer();
    this.abort.abort();
    return this.inFlight;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.cancelTimer = this.clock.setTimer(ms, () => {
      this.inFlight = this.attempt();
    });
  }

  private async attempt(): Promise<void> {
    const timeoutMs = (this.probe.timeoutSeconds ?? PROBE_DEFAULTS.timeoutSeconds) * 1000;
    const ok = await this.check(timeoutMs, this.abort.signal).catch(() => false);
    if (this.stopped) return;
    this.record(ok);
    this.schedule((this.probe.periodSeconds ?? PROBE_DEFAULTS.periodSeconds) * 1000);
  }

  private record(ok: boolean): void {
    if (ok) {
      this.successes++;
      this.failures = 0;
    } else {
      this.failures++;
      this.successes = 0;
    }
    const successThreshold = this.probe.successThreshold ?? PROBE_DEFAULTS.successThreshold;
    const failureThreshold = this.probe.failureThreshold ?? PROBE_DEFAULTS.failureThreshold;
    const flipsOn = ok ? this.successes >= successThreshold : this.failures >= failureThreshold;
    if (flipsOn && ok !== this.result) {
      this.result = ok;
      this.onChange(ok);
    }
  }
}
