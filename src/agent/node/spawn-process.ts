/** Starting a process with `child_process.spawn` as a `LaunchedProcess`. */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { createInterface } from 'node:readline';
import type { LaunchedProcess } from './types.ts';

/** Spawns `argv` with exactly `env`; resolves once it has started, rejects when it cannot. */
export function spawnProcess(
  argv: readonly string[],
  env: Readonly<Record<string, string>>,
  onOutput?: (line: string) => void,
): Promise<LaunchedProcess> {
  const [program = '', ...args] = argv;
  const child = spawn(program, args, { env: { ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => onOutput?.(line));
  }
  const exited = new Promise<number>((resolve) => {
    child.on('exit', (code, signal) => {
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
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        },
      });
    });
  });
}
