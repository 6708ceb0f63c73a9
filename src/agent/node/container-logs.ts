/**
 * Container log files, laid out as kubelet lays them out:
 *
 *     <podLogDir>/<namespace>_<podName>_<podUid>/<containerName>/<restartCount>.log
 *
 * one file per run of a container, each line in CRI's format (`log-format.ts`). Starting run N removes the files of
 * runs before N-1, so the previous run stays for `previous`. Lines are written with synchronous appends: a reader
 * that reads the file and then listens for new lines, in the same tick, misses none and sees none twice.
 */
import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentClock } from './clock.ts';
import { type LogEntry, type LogStream, formatLogEntry, logTimestamp, parseLogFile } from './log-format.ts';

/** The folder of one pod's logs. */
export function podLogFolder(root: string, namespace: string, podName: string, podUid: string): string {
  return join(root, `${namespace}_${podName}_${podUid}`);
}

/** Told about each line appended to a run's log, and once when the run's output has ended. */
export interface RunLogListener {
  line(entry: LogEntry): void;
  ended(): void;
}

/** The log file of one run of one container. */
export class RunLog {
  private fd: number | undefined;
  private ended = false;
  private failed = false;
  private readonly listeners = new Set<RunLogListener>();

  /** Creates (or truncates) the file at `path`. */
  constructor(
    readonly path: string,
    private readonly clock: AgentClock,
    private readonly onError: (message: string) => void,
  ) {
    this.fd = openSync(path, 'w');
  }

  /** True once the run's output has ended (or the pod's logs were closed). */
  get finished(): boolean {
    return this.ended;
  }

  /** Appends one line stamped with the agent's clock, and tells the followers. */
  write(stream: LogStream, line: string): void {
    const entry: LogEntry = { timestamp: logTimestamp(this.clock.now()), stream, line };
    if (this.fd !== undefined) {
      try {
        writeSync(this.fd, formatLogEntry(entry));
      } catch (error) {
        // A full disk must not stop the container; say so once.
        if (!this.failed) this.onError(`writing ${this.path}: ${String(error)}`);
        this.failed = true;
        return;
      }
    }
    for (const listener of this.listeners) listener.line(entry);
  }

  /** The run's output has ended: followers finish; the file stays open for stray late lines until `close`. */
  finish(): void {
    if (this.ended) return;
    this.ended = true;
    for (const listener of this.listeners) listener.ended();
    this.listeners.clear();
  }

  /** Every complete line written so far. */
  entries(): LogEntry[] {
    try {
      return parseLogFile(readFileSync(this.path, 'utf8'));
    } catch {
      return [];
    }
  }

  /** Listens for lines written from now on; the returned function stops listening. */
  follow(listener: RunLogListener): () => void {
    if (this.ended) {
      listener.ended();
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Ends the run's output and closes the file. */
  close(): void {
    this.finish();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** The logs of one pod's containers on this node. */
export class PodLogs {
  private readonly runs = new Map<string, Map<number, RunLog>>();

  /** Logs go under `folder` (see `podLogFolder`). */
  constructor(
    readonly folder: string,
    private readonly clock: AgentClock,
    private readonly onError: (message: string) => void,
  ) {}

  /** Opens the file of `container`'s run number `run` and removes those older than the run before it. */
  startRun(container: string, run: number): RunLog {
    const dir = join(this.folder, container);
    mkdirSync(dir, { recursive: true });
    const runs = this.runs.get(container) ?? new Map<number, RunLog>();
    this.runs.set(container, runs);
    for (const [number, log] of runs) {
      if (number < run) log.close();
      if (number < run - 1) runs.delete(number);
    }
    for (const name of readdirSync(dir)) {
      const number = /^(\d+)\.log$/.exec(name)?.[1];
      if (number !== undefined && Number(number) < run - 1) rmSync(join(dir, name), { force: true });
    }
    const log = new RunLog(join(dir, `${run}.log`), this.clock, this.onError);
    runs.set(run, log);
    return log;
  }

  /** The log of `container`'s run number `run`, if this agent started it. */
  run(container: string, run: number): RunLog | undefined {
    return this.runs.get(container)?.get(run);
  }

  /** Closes every file (followers finish); the files stay. */
  close(): void {
    for (const runs of this.runs.values()) for (const log of runs.values()) log.close();
  }

  /** Closes every file and removes the pod's folder. */
  remove(): void {
    this.close();
    this.runs.clear();
    rmSync(this.folder, { recursive: true, force: true });
  }
}
