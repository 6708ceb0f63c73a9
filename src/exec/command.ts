/**
 * Running external commands (iptables, conntrack, sysctl, ip) behind one small interface, so tests can fake them and
 * so every command can be run through a prefix — e.g. `nsenter --target PID --net` to act inside another network
 * namespace while the proxy itself stays on the host.
 *
 * No command may hang its caller: each runs with a timeout (30 s unless the caller says otherwise), in a process
 * group of its own, and the whole group is killed when the time is up.
 */
import { spawn } from 'node:child_process';

/** How a command ended and what it printed. */
export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Per-call settings. */
export interface CommandOptions {
  /** Milliseconds before the command (its whole process group) is killed; 0 waits for ever. */
  readonly timeoutMs?: number;
}

/**
 * Runs one command: argv[0] is the program; `stdin` is written to it when given. Rejects with
 * `CommandTimeoutError` when it runs out of time.
 */
export type CommandRunner = (
  argv: readonly string[],
  stdin?: string,
  options?: CommandOptions,
) => Promise<CommandResult>;

/** How long a command may run unless the caller says otherwise. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 30_000;

/** A command that failed: its argv, exit code and stderr. */
export class CommandError extends Error {
  override readonly name: string = 'CommandError';

  /** `result` is how the command ended. */
  constructor(
    readonly argv: readonly string[],
    readonly result: CommandResult,
  ) {
    super(`${argv.join(' ')} failed (exit ${result.code}): ${result.stderr.trim() || result.stdout.trim()}`);
  }
}

/** A command killed because it ran longer than its timeout; `result` holds what it printed until then. */
export class CommandTimeoutError extends CommandError {
  override readonly name = 'CommandTimeoutError';

  /** The command ran for `timeoutMs` and was killed. */
  constructor(
    argv: readonly string[],
    result: CommandResult,
    readonly timeoutMs: number,
  ) {
    super(argv, result);
    this.message = `${argv.join(' ')} timed out after ${timeoutMs / 1000}s and was killed`;
  }
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined || pid <= 1) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * A runner over `child_process.spawn` whose commands time out after `defaults.timeoutMs` (30 s by default) unless
 * a call says otherwise; a program that cannot start ends with code 127.
 *
 * @example
 * const slowRestore = createSpawnCommand({ timeoutMs: 120_000 });
 */
export function createSpawnCommand(defaults: CommandOptions = {}): CommandRunner {
  return (argv, stdin, options) =>
    new Promise((resolve, reject) => {
      const [program = '', ...args] = argv;
      // Its own process group, so a timeout kills whatever it started too.
      const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      const output = (): CommandResult => ({
        code: 137,
        stdout: Buffer.concat(stdout).toString(),
        stderr: Buffer.concat(stderr).toString(),
      });
      const timeoutMs = options?.timeoutMs ?? defaults.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
      const timer =
        timeoutMs > 0
          ? setTimeout(() => {
              killGroup(child.pid);
              reject(new CommandTimeoutError(argv, output(), timeoutMs));
            }, timeoutMs)
          : undefined;
      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      child.on('error', (error) => {
        clearTimeout(timer);
        resolve({ code: 127, stdout: '', stderr: error.message });
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ ...output(), code: code ?? 1 });
      });
      // A command that exits without reading its input must not crash us with EPIPE.
      child.stdin.on('error', () => undefined);
      child.stdin.end(stdin ?? '');
    });
}

/** Runs commands with `child_process.spawn` and the default timeout (`createSpawnCommand()`). */
export const spawnCommand: CommandRunner = createSpawnCommand();

/**
 * A runner that puts `prefix` in front of every command.
 *
 * @example
 * const inNamespace = withCommandPrefix(spawnCommand, ['nsenter', '--target', String(pid), '--net']);
 */
export function withCommandPrefix(run: CommandRunner, prefix: readonly string[]): CommandRunner {
  if (prefix.length === 0) return run;
  return (argv, stdin, options) => run([...prefix, ...argv], stdin, options);
}

/** Runs a command and throws `CommandError` unless it exits 0 (`CommandTimeoutError` when it ran out of time). */
export async function runChecked(
  run: CommandRunner,
  argv: readonly string[],
  stdin?: string,
  options?: CommandOptions,
): Promise<string> {
  const result = await run(argv, stdin, options);
  if (result.code !== 0) throw new CommandError(argv, result);
  return result.stdout;
}
