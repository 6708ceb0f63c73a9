/**
 * Running external commands (iptables, conntrack, sysctl, ip) behind one small interface, so tests can fake them and
 * so every command can be run through a prefix — e.g. `nsenter --target PID --net` to act inside another network
 * namespace while the proxy itself stays on the host.
 */
import { spawn } from 'node:child_process';

/** How a command ended and what it printed. */
export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one command: argv[0] is the program; `stdin` is written to it when given. */
export type CommandRunner = (argv: readonly string[], stdin?: string) => Promise<CommandResult>;

/** A command that failed: its argv, exit code and stderr. */
export class CommandError extends Error {
  override readonly name = 'CommandError';

  /** `result` is how the command ended. */
  constructor(
    readonly argv: readonly string[],
    readonly result: CommandResult,
  ) {
    super(`${argv.join(' ')} failed (exit ${result.code}): ${result.stderr.trim() || result.stdout.trim()}`);
  }
}

/** Runs commands with `child_process.spawn`; a program that cannot start ends with code 127. */
export const spawnCommand: CommandRunner = (argv, stdin) =>
  new Promise((resolve) => {
    const [program = '', ...args] = argv;
    const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => {
      resolve({ code: 127, stdout: '', stderr: error.message });
    });
    child.on('close', (code) => {
      resolve({ code: code ?? 1, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() });
    });
    // A command that exits without reading its input must not crash us with EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin ?? '');
  });

/**
 * A runner that puts `prefix` in front of every command.
 *
 * @example
 * const inNamespace = withCommandPrefix(spawnCommand, ['nsenter', '--target', String(pid), '--net']);
 */
export function withCommandPrefix(run: CommandRunner, prefix: readonly string[]): CommandRunner {
  if (prefix.length === 0) return run;
  return (argv, stdin) => run([...prefix, ...argv], stdin);
}

/** Runs a command and throws `CommandError` unless it exits 0. */
export async function runChecked(run: CommandRunner, argv: readonly string[], stdin?: string): Promise<string> {
  const result = await run(argv, stdin);
  if (result.code !== 0) throw new CommandError(argv, result);
  return result.stdout;
}
