/** Where a command reads and writes; tests pass their own to capture output. */
import { readFileSync } from 'node:fs';

/** A command's standard streams. */
export interface CommandIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdin: () => string;
}

/** The process's own streams. */
export const processIO: CommandIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: () => readFileSync(0, 'utf8'),
};

/** Thrown by a command to end with an exit code after it has printed what it needs to. */
export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Prints `error: <message>` as kubectl and kube-proxy do, and ends the command with exit code 1. */
export function fail(io: CommandIO, message: string): never {
  io.stderr(`error: ${message}\n`);
  throw new CliExit(1);
}
