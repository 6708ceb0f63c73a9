/**
 * The cluster's long-running processes (the API server on the host, one agent per node inside its namespace):
 * started detached with their output in a log file, recorded by PID in the cluster folder, and stopped by that
 * PID only after checking that the process is still the one we started.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** One process to start: what runs, and the name its PID and log files get. */
export interface ProcessSpec {
  readonly role: string;
  readonly argv: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

/** A started process. */
export interface ClusterProcess {
  readonly role: string;
  readonly pid: number;
  readonly logFile: string;
  /** Resolves with the exit code if the process ends while `up` still watches it. */
  readonly exited: Promise<number>;
}

export function pidFile(dir: string, role: string): string {
  return join(dir, `${role}.pid`);
}

export function logFile(dir: string, role: string): string {
  return join(dir, `${role}.log`);
}

/** Starts `spec` in its own process group, so a Ctrl-C at the terminal reaches `up` only, which then stops it. */
export function startProcess(dir: string, spec: ProcessSpec): ClusterProcess {
  const log = logFile(dir, spec.role);
  const out = openSync(log, 'a');
  const [program = '', ...args] = spec.argv;
  const child = spawn(program, args, {
    detached: true,
    stdio: ['ignore', out, out],
    env: { ...process.env, ...spec.env },
  });
  closeSync(out);
  if (child.pid === undefined) throw new Error(`cannot start ${spec.role}: ${program} did not start`);
  writeFileSync(pidFile(dir, spec.role), `${child.pid}\n`);
  const exited = new Promise<number>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve(code ?? 128 + (signal === 'SIGKILL' ? 9 : 15));
    });
  });
  child.unref();
  return { role: spec.role, pid: child.pid, logFile: log, exited };
}

/**
 * The recorded PID of `role`, if its file exists and that process is still ours: every cluster process has the
 * cluster folder on its command line, so a PID the kernel has since given to someone else is left alone.
 */
export function recordedProcess(dir: string, role: string): number | undefined {
  const file = pidFile(dir, role);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 1) return undefined;
  return commandLineMentions(pid, dir) ? pid : undefined;
}

/** True when process `pid` is alive and one of its arguments contains `text`. */
export function commandLineMentions(pid: number, text: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .some((arg) => arg.includes(text));
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM, then up to `graceMs` for a clean exit, then SIGKILL; resolves once the process is gone. */
export async function stopPid(pid: number, graceMs: number): Promise<'stopped' | 'killed' | 'gone'> {
  if (!alive(pid)) return 'gone';
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return 'stopped';
    await sleep(100);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return 'stopped';
  }
  while (alive(pid)) await sleep(50);
  return 'killed';
}

/** Stops the recorded process of `role` (if it is still ours) and removes its PID file. */
export async function stopRecorded(dir: string, role: string, graceMs: number): Promise<'stopped' | 'killed' | 'gone'> {
  const pid = recordedProcess(dir, role);
  const outcome = pid === undefined ? 'gone' : await stopPid(pid, graceMs);
  rmSync(pidFile(dir, role), { force: true });
  return outcome;
}
