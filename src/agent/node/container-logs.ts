/**
 * Container log files, laid out as kubelet lays them out:
 *
 *     <podLogDir>/<namespace>_<podName>_<podUid>/<containerName>/<restartCount>.log
 *
 * one file per run of a container, each line in CRI's format (`log-format.ts`), rotated as kubelet rotates them
 * (`log-rotation.ts`: `<restartCount>.log.<timestamp>`). Starting run N removes the files of runs before N-1, so the
 * previous run stays for `previous`. Lines are written with synchronous appends, and the size of every file is
 * known here, so a reader (`log-reader.ts`) reads exactly the complete lines and waits for more with `changed()`.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentClock } from './clock.ts';
import { type LogStream, formatLogEntry, logTimestamp } from './log-format.ts';
import { containerLogFolder } from './log-paths.ts';
import { DEFAULT_LOG_ROTATION, type LogRotationPolicy, rotationSuffix } from './log-rotation.ts';

export { podLogFolder } from './log-paths.ts';

/** One file of a run's log: the one being written, or one rotated away. */
export interface LogSegment {
  /** Counts up from 0 as the run's log rotates: the order of the files. */
  readonly seq: number;
  /** Where the file is now (a rotated file has the timestamp suffix). */
  readonly path: string;
  /** Bytes of complete lines in it. */
  readonly size: number;
  /** True once rotated away: it will not grow again. */
  readonly sealed: boolean;
}

interface MutableSegment {
  seq: number;
  path: string;
  size: number;
  sealed: boolean;
}

/** The log files of one run of one container. */
export class RunLog {
  private fd: number | undefined;
  private ended = false;
  private failed = false;
  private readonly files: MutableSegment[];
  private wake: (() => void) | undefined;
  private woken: Promise<void> | undefined;

  /** Creates (or truncates) the file at `path`; it rotates by `rotation`. */
  constructor(
    readonly path: string,
    private readonly clock: AgentClock,
    private readonly onError: (message: string) => void,
    private readonly rotation: LogRotationPolicy = DEFAULT_LOG_ROTATION,
  ) {
    this.fd = openSync(path, 'w');
    this.files = [{ seq: 0, path, size: 0, sealed: false }];
  }

  /** True once the run's output has ended (or the pod's logs were closed). */
  get finished(): boolean {
    return this.ended;
  }

  /** The run's files still kept, oldest first; the last one is being written. */
  segments(): readonly LogSegment[] {
    return this.files.map((file) => ({ ...file }));
  }

  /** The file numbered `seq`, or the oldest kept one after it when it was removed; undefined past the newest. */
  segmentFrom(seq: number): LogSegment | undefined {
    const found = this.files.find((file) => file.seq >= seq);
    return found === undefined ? undefined : { ...found };
  }

  /** Resolves at the next write, rotation or end of output. */
  changed(): Promise<void> {
    this.woken ??= new Promise<void>((resolve) => (this.wake = resolve));
    return this.woken;
  }

  /** Appends one line (or, `partial`, a piece of one) stamped with the agent's clock; rotates when due. */
  write(stream: LogStream, line: string, partial = false): void {
    if (this.fd === undefined) return;
    const entry = { timestamp: logTimestamp(this.clock.now()), stream, line, ...(partial ? { partial } : {}) };
    const bytes = Buffer.from(formatLogEntry(entry));
    const current = this.files[this.files.length - 1];
    try {
      writeSync(this.fd, bytes);
      if (current !== undefined) current.size += bytes.length;
    } catch (error) {
      this.reportOnce(`writing ${this.path}: ${String(error)}`);
      return;
    }
    if (current !== undefined && this.rotation.maxSize > 0 && current.size >= this.rotation.maxSize) {
      this.rotate(current);
    }
    this.notify();
  }

  /** The run's output has ended: followers finish; the file stays open for stray late lines until `close`. */
  finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.notify();
  }

  /** Ends the run's output and closes the file. */
  close(): void {
    this.finish();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    this.woken = undefined;
    wake?.();
  }

  private reportOnce(message: string): void {
    // A full disk must not stop the container; say so once.
    if (!this.failed) this.onError(message);
    this.failed = true;
  }

  /**
   * Renames the full file to `<path>.<timestamp>` and starts a new one. kubelet's suffix has whole seconds, so a
   * second rotation within the same second waits for the next write in a later second.
   */
  private rotate(current: MutableSegment): void {
    const rotated = `${this.path}.${rotationSuffix(this.clock.now())}`;
    if (existsSync(rotated) || this.fd === undefined) return;
    try {
      renameSync(this.path, rotated);
      closeSync(this.fd);
      this.fd = undefined;
      this.fd = openSync(this.path, 'w');
    } catch (error) {
      this.reportOnce(`rotating ${this.path}: ${String(error)}`);
      return;
    }
    current.path = rotated;
    current.sealed = true;
    this.files.push({ seq: current.seq + 1, path: this.path, size: 0, sealed: false });
    while (this.files.length > this.rotation.maxFiles) {
      const oldest = this.files.shift();
      if (oldest !== undefined) rmSync(oldest.path, { force: true });
    }
  }
}

/** The logs of one pod's containers on this node. */
export class PodLogs {
  private readonly runs = new Map<string, Map<number, RunLog>>();

  /** Logs go under `folder` (see `podLogFolder`), rotated by `rotation`. */
  constructor(
    readonly folder: string,
    private readonly clock: AgentClock,
    private readonly onError: (message: string) => void,
    private readonly rotation: LogRotationPolicy = DEFAULT_LOG_ROTATION,
  ) {}

  /**
   * Opens the file of `container`'s run number `run` and removes the files of runs older than the run before it.
   * Throws `LogPathError` for a container name that is not a DNS-1123 label.
   */
  startRun(container: string, run: number): RunLog {
    const dir = containerLogFolder(this.folder, container);
    mkdirSync(dir, { recursive: true });
    const runs = this.runs.get(container) ?? new Map<number, RunLog>();
    this.runs.set(container, runs);
    for (const [number, log] of runs) {
      if (number < run) log.close();
      if (number < run - 1) runs.delete(number);
    }
    for (const name of readdirSync(dir)) {
      // The run's file and its rotated files.
      const number = /^(\d+)\.log(\.\d{8}-\d{6})?$/.exec(name)?.[1];
      if (number !== undefined && Number(number) < run - 1) rmSync(join(dir, name), { force: true });
    }
    const log = new RunLog(join(dir, `${run}.log`), this.clock, this.onError, this.rotation);
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
