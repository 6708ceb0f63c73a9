/** Starting a process with `child_process.spawn` as a `LaunchedProcess`. */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { createInterface } from 'node:readline';
import type { LaunchedProcess, LaunchRequest } from './types.ts';

/**
 * Spawns `argv` with exactly `env`; resolves once it has started, rejects when it cannot. Output lines go to
 * `onOutput` with their stream; `onOutputEnd` is called once both streams have ended (also when it cannot start).
 */
export function spawnProcess(
  argv: readonly string[],
  env: Readonly<Record<string, string>>,
  onOutput?: LaunchRequest['onOutput'],
  onOutputEnd?: () => void,
): Promise<LaunchedProcess> {
  const [program = '', ...args] = argv;
  const child = spawn(program, args, { env: { ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let open = 2;
  for (const [input, name] of [
    [child.stdout, 'stdout'],
    [child.stderr, 'stderr'],
  ] as const) {
    const lines = createInterface({ input });
    lines.on('line', (line) => onOutput?.(line, name));
    lines.on('close', () => {
      if (--open === 0) onOutputEnd?.();
    });
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
