/**
 * Starting a process with `child_process.spawn` as a `LaunchedProcess`. Each process leads its own process group
 * (`detached`), and signals go to the whole group: whatever a container's shell started dies with it, as the
 * processes of a container's PID namespace die with its first process.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { Readable } from 'node:stream';
import { OutputLineSplitter } from './output-lines.ts';
import type { LaunchedProcess, LaunchRequest } from './types.ts';

/** Sends `signal` to the process group `pgid`; a group already gone is not an error. */
export function signalProcessGroup(pgid: number, signal: NodeJS.Signals): void {
  if (pgid <= 1) return;
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

function splitOutput(
  input: Readable,
  stream: 'stdout' | 'stderr',
  onOutput: LaunchRequest['onOutput'],
  closed: () => void,
): void {
  const lines = new OutputLineSplitter((line, partial) => onOutput?.(line, stream, partial));
  input.on('data', (chunk: Buffer) => {
    lines.push(chunk);
  });
  input.on('close', () => {
    lines.end();
    closed();
  });
}

/**
 * Spawns `argv` with exactly `env` in a process group of its own; resolves once it has started, rejects when it
 * cannot. Output lines (cut at 16 KiB, see `output-lines.ts`) go to `onOutput` with their stream; `onOutputEnd` is
 * called once both streams have ended (also when it cannot start). When the first process ends, what is left of
 * its group is killed.
 */
export function spawnProcess(
  argv: readonly string[],
  env: Readonly<Record<string, string>>,
  onOutput?: LaunchRequest['onOutput'],
  onOutputEnd?: () => void,
): Promise<LaunchedProcess> {
  const [program = '', ...args] = argv;
  const child = spawn(program, args, { env: { ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let open = 2;
  const closed = (): void => {
    if (--open === 0) onOutputEnd?.();
  };
  splitOutput(child.stdout, 'stdout', onOutput, closed);
  splitOutput(child.stderr, 'stderr', onOutput, closed);
  let running = true;
  const exited = new Promise<number>((resolve) => {
    child.on('exit', (code, signal) => {
      running = false;
      // Background processes the container left behind would hold its output open and outlive the pod.
      if (child.pid !== undefined) signalProcessGroup(child.pid, 'SIGKILL');
      resolve(code ?? 128 + (signal === null ? 0 : constants.signals[signal]));
    });
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('spawn', () => {
      const pid = child.pid ?? -1;
      resolve({
        pid,
        exited,
        kill: (signal) => {
          if (running) signalProcessGroup(pid, signal);
        },
      });
    });
  });
}
