/** Starts a built-in program in this process from its name, arguments and environment. */
import type { BuiltInProgram } from './built-in.ts';
import { ECHO_DEFAULT_PORT, echoIdentityFromEnv, startEcho } from './echo.ts';
import { ImageArgsError } from './flags.ts';
import type { RunningServer } from './listen.ts';
import { parseNetexecArgs, startNetexec } from './netexec.ts';
import { parseServeHostnameArgs, startServeHostname } from './serve-hostname.ts';

/**
 * Starts `program`. The environment gives `POD_NAME` (also the hostname agnhost reports, since pods here share
 * the host's UTS namespace), `POD_IP`, `NODE_NAME`, `PORT` (echo only) and `LISTEN_HOST` (every address if unset).
 */
export async function runProgram(
  program: BuiltInProgram,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<RunningServer> {
  const host = env['LISTEN_HOST'] === undefined || env['LISTEN_HOST'] === '' ? undefined : env['LISTEN_HOST'];
  const hostname = env['POD_NAME'] ?? '';
  switch (program) {
    case 'echo':
      return startEcho(echoIdentityFromEnv(env), echoPort(env['PORT']), host);
    case 'netexec':
      return startNetexec(parseNetexecArgs(args), hostname, host);
    case 'serve-hostname':
      return startServeHostname(parseServeHostnameArgs(args), hostname, host);
  }
}

function echoPort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return ECHO_DEFAULT_PORT;
  const port = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new ImageArgsError(`echo: PORT must be a port number, got "${raw}"`);
  return port;
}

/** True when `name` is one of the built-in programs. */
export function isBuiltInProgram(name: string | undefined): name is BuiltInProgram {
  return name === 'echo' || name === 'netexec' || name === 'serve-hostname';
}
