/**
 * How `up` and `down` run `ip`, `sysctl` and `nsenter`: on the shared runner (`exec/`), which starts each command in
 * its own process group — so the terminal's Ctrl-C or hang-up reaches `portico up` alone (which then tears down in
 * order) and never kills a half-done step — with a time limit, so one stuck command cannot hold a teardown forever.
 */
import { type CommandResult, type CommandRunner, CommandTimeoutError, createSpawnCommand } from '../exec/command.ts';

/** How long one command may run before its whole process group is killed. */
export const CLUSTER_COMMAND_TIMEOUT_MS = 60_000;

/**
 * A `CommandRunner` whose commands run detached from the terminal's process group and are killed (with whatever
 * they started) after `timeoutMs`. A timeout ends the command with code 124, as `timeout(1)` does, rather than
 * throwing: a teardown step then reports it and the teardown goes on.
 */
export function detachedCommandRunner(timeoutMs = CLUSTER_COMMAND_TIMEOUT_MS): CommandRunner {
  const run = createSpawnCommand({ timeoutMs });
  return async (argv, stdin, options) => {
    try {
      return await run(argv, stdin, options);
    } catch (error) {
      if (!(error instanceof CommandTimeoutError)) throw error;
      const { stdout, stderr } = error.result;
      const result: CommandResult = {
        code: 124,
        stdout,
        stderr: `${stderr}killed after ${String(error.timeoutMs)} ms without finishing\n`,
      };
      return result;
    }
  };
}

/** The runner every cluster command uses. */
export const clusterCommand: CommandRunner = detachedCommandRunner();
