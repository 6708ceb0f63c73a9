/**
 * Runs shell scripts inside a private network namespace (`unshare --net`): the namespace exists only while the
 * script runs and dies with it, so nothing is left behind and no packet can reach the host's networks.
 */
import { spawnSync } from 'node:child_process';

/** What a script printed and how it ended. */
export interface ScriptResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

function commandExists(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Why kernel tests cannot run here, or undefined when they can. `commands` are the tools the test needs inside
 * the namespace.
 */
export function privateNetnsSkipReason(commands: readonly string[] = []): string | undefined {
  if (process.platform !== 'linux') return 'needs Linux network namespaces';
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'needs root to create a network namespace';
  for (const command of ['unshare', ...commands]) {
    if (!commandExists(command)) return `needs the ${command} command`;
  }
  const probe = spawnSync('unshare', ['--net', 'true'], { encoding: 'utf8' });
  if (probe.status !== 0) return `cannot create a network namespace: ${probe.stderr.trim()}`;
  return undefined;
}

/** Runs `script` with `sh -c` in a fresh private network namespace, feeding `stdin` to it. */
export function runInPrivateNetns(script: string, stdin = ''): ScriptResult {
  const result = spawnSync('unshare', ['--net', 'sh', '-c', script], {
    input: stdin,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** Prints the reason a kernel test is skipped, so CI logs say why, and returns it for `test(..., { skip })`. */
export function announceSkip(reason: string | undefined, what: string): string | false {
  if (reason === undefined) return false;
  console.log(`# skipping ${what}: ${reason}`);
  return reason;
}
