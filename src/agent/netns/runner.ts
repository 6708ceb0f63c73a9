/** Running `ip` and friends behind one small interface, so unit tests use a recording fake instead of root. */
import { spawn } from 'node:child_process';

/** How a command ended and what it printed. */
export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one command: argv[0] is the program. */
export type CommandRunner = (argv: readonly string[]) => Promise<CommandResult>;

/** A command that exited non-zero: its argv and result. */
export class NetnsCommandError extends Error {
  override readonly name = 'NetnsCommandError';

  /** `result` is how the command ended. */
  constructor(
    readonly argv: readonly string[],
    readonly result: CommandResult,
  ) {
    super(`${argv.join(' ')} failed (exit ${result.code}): ${result.stderr.trim() || result.stdout.trim()}`);
  }
}

/** Runs commands with `child_process.spawn`; a program that cannot start ends with code 127. */
export const spawnRunner: CommandRunner = (argv) =>
  new Promise((resolve) => {
    const [program = '', ...args] = argv;
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
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
  });

/** Runs `argv` and throws `NetnsCommandError` unless it exits 0; resolves to its stdout. */
export async function runChecked(run: CommandRunner, argv: readonly string[]): Promise<string> {
  const result = await run(argv);
  if (result.code !== 0) throw new NetnsCommandError(argv, result);
  return result.stdout;
}

/** True when a failure only says the thing is already gone, which a by-name teardown treats as done. */
export function isNotFound(error: unknown): boolean {
  if (!(error instanceof NetnsCommandError)) return false;
  return /Cannot find device|does not exist|No such file or directory|Invalid "netns" value/i.test(error.result.stderr);
}

/**
 * A runner that records every command and answers from `respond` (exit 0 with no output by default).
 *
 * @example
 * const fake = new FakeCommandRunner();
 * await addNamespace(fake.run, 'portico-pod-a');
 * fake.commands; // [['ip', 'netns', 'add', 'portico-pod-a']]
 */
export class FakeCommandRunner {
  /** Every command run so far, in order. */
  readonly commands: string[][] = [];

  /** `respond` decides each command's result; undefined means success. */
  constructor(private readonly respond: (argv: readonly string[]) => CommandResult | undefined = () => undefined) {}

  /** The runner to hand to the netns functions. */
  readonly run: CommandRunner = (argv) => {
    this.commands.push([...argv]);
    return Promise.resolve(this.respond(argv) ?? { code: 0, stdout: '', stderr: '' });
  };

  /** The recorded commands as shell-like lines, for readable assertions. */
  lines(): string[] {
    return this.commands.map((argv) => argv.join(' '));
  }
}
