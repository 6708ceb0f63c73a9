import { Command, CommanderError } from 'commander';
import { CliExit, type CommandIO, processIO } from './io.ts';
import { registerApiServerCommand } from './apiserver-command.ts';
import { registerDownCommand, registerKubeconfigCommand } from './down-command.ts';
import { registerNodeCommand } from './node-command.ts';
import { registerProxyCommand } from './proxy-command.ts';
import { registerRulesCommand } from './rules-command.ts';
import { registerStartCommand } from './start-command.ts';
import { registerTraceCommand } from './trace-command.ts';
import { registerUpCommand } from './up-command.ts';
import { registerValidateCommand } from './validate-command.ts';

/** Builds the `portico` command with every subcommand registered, writing through `io`. */
export function buildProgram(io: CommandIO = processIO): Command {
  const program = new Command('portico')
    .description('Kubernetes Services networking: allocation, kube-proxy rules, and a tracer that explains them')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)');
  registerStartCommand(program, io);
  registerUpCommand(program, io);
  registerDownCommand(program, io);
  registerKubeconfigCommand(program, io);
  registerValidateCommand(program, io);
  registerRulesCommand(program, io);
  registerApiServerCommand(program, io);
  registerTraceCommand(program, io);
  registerProxyCommand(program, io);
  registerNodeCommand(program, io);
  return program;
}

/** Runs the CLI (`argv` as in `process.argv`) and returns the process exit code. */
export async function main(argv: readonly string[], io: CommandIO = processIO): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CliExit) return error.code;
    throw error;
  }
}
