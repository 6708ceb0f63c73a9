/**
 * How `up` and `down` run `ip`, `sysctl` and `nsenter`: each command in its own process group, so the terminal's
 * Ctrl-C or hang-up reaches `portico up` alone (which then tears down in order) and never kills a half-done step,
 * and with a time limit, so one stuck command cannot hold a teardown forever.
 */
import { spawn } from 'node:child_process';
import type { CommandResult, CommandRunner } from '../exec/command.ts';

/** How long one command may run before its whole process group is killed. */
export const CLUSTER_COMMAND_TIMEOUT_MS = 60_000;

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * A `CommandRunner` whose commands run detached from the terminal's process group and are killed (with whatever
 * they started) after `timeoutMs`; a command that cannot start ends with code 127, one that timed out with 124.
 */
export function detachedCommandRunner(timeoutMs = CLUSTER_COMMAND_TIMEOUT_MS): CommandRunner {
  return (argv, stdin) =>
    new Promise<CommandResult>((resolve) => {
      const [program = '', ...args] = argv;
      const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        killGroup(child.pid);
      }, timeoutMs);
      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      child.on('error', (error) => {
        clearTimeout(timer);
        resolve({ code: 127, stdout: '', stderr: error.message });
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        const err = Buffer.concat(stderr).toString();
        resolve({
          code: timedOut ? 124 : (code ?? 1),
          stdout: Buffer.concat(stdout).toString(),
          stderr: timedOut ? `${err}killed after ${timeoutMs} ms without finishing\n` : err,
        });
      });
      // A command that exits without reading its input must not crash us with EPIPE.
      child.stdin.on('error', () => undefined);
      child.stdin.end(stdin ?? '');
    });
}

/** The runner every cluster command uses. */
export const clusterCommand: CommandRunner = detachedCommandRunner();
