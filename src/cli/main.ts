import { Command, CommanderError } from 'commander';
import { registerStartCommand } from './start-command.ts';

/** Builds the `portico` command with every subcommand registered. */
export function buildProgram(): Command {
  const program = new Command('portico')
    .description('Kubernetes Services networking: allocation, kube-proxy rules, and a tracer that explains them')
    .exitOverride()
    .showHelpAfterError();
  registerStartCommand(program);
  return program;
}

/** Runs the CLI and returns the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CliExit) return error.code;
    throw error;
  }
}

/** Thrown by a command to end with a given exit code after it has printed what it needs to. */
export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
