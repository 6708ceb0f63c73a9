/**
 * The process entry of the built-in images: `node --import tsx main.ts <echo|netexec|serve-hostname> [args]`.
 * Prints `listening on port N` once it accepts connections, and exits cleanly on SIGTERM or SIGINT.
 */
import { ImageArgsError } from './flags.ts';
import { isBuiltInProgram, runProgram } from './run-program.ts';

const [program, ...args] = process.argv.slice(2);
if (!isBuiltInProgram(program)) {
  console.error(`usage: main.ts <echo|netexec|serve-hostname> [args...]; got "${program ?? ''}"`);
  process.exit(2);
}
try {
  const running = await runProgram(program, args, process.env);
  console.log(`${program}: listening on port ${running.port}`);
  const stop = (): void => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  console.error(error instanceof ImageArgsError ? error.message : String(error));
  process.exit(error instanceof ImageArgsError ? 2 : 1);
}
