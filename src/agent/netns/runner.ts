/** Running `ip` and friends behind one small interface, so unit tests use a recording fake instead of root. */
import { CommandError, type CommandResult, type CommandRunner } from '../../exec/command.ts';

export {
  CommandError,
  CommandTimeoutError,
  type CommandOptions,
  type CommandResult,
  type CommandRunner,
  runChecked,
  spawnCommand,
} from '../../exec/command.ts';

/** True when a failure only says the thing is already gone, which a by-name teardown treats as done. */
export function isNotFound(error: unknown): boolean {
  if (!(error instanceof CommandError)) return false;
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
