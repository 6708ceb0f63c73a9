/**
 * Runs shell scripts inside a private network namespace (`unshare --net`): the namespace exists only while the
 * script runs and dies with it, so nothing is left behind and no packet can reach the host's networks.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

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

/** Set in the child: a folder for its files; every process naming it is stopped once the child ends. */
const SCRATCH_ENV = 'PORTICO_PRIVATE_NETNS_SCRATCH';

/** The child's scratch folder (see `runTestFileInPrivateNamespaces`). */
export function privateScratchDir(): string {
  const dir = process.env[SCRATCH_ENV];
  if (dir === undefined || dir === '') throw new Error(`${SCRATCH_ENV} is not set: not a private namespace child`);
  return dir;
}

/** PIDs of the processes (other than this one) with an argument containing `text`. */
export function processesMentioning(text: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/**
 * The safety net after a child: whatever it left running that names its scratch folder (a cluster's API server or
 * node agents, say) gets SIGTERM — agents then stop their pods — and SIGKILL after `graceMs`.
 */
export async function stopLeftovers(scratch: string, graceMs: number): Promise<void> {
  const signalAll = (signal: NodeJS.Signals): number => {
    const pids = processesMentioning(scratch);
    for (const pid of pids) {
      try {
        process.kill(pid, signal);
      } catch {
        // Already gone.
      }
    }
    return pids.length;
  };
  if (signalAll('SIGTERM') === 0) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && processesMentioning(scratch).length > 0) await sleep(200);
  signalAll('SIGKILL');
}

/** Set in the child: the test file runs its inner scenario. */
export const PRIVATE_NETNS_INNER_ENV = 'PORTICO_PRIVATE_NETNS_INNER';
/** The outer process's network namespace (`net:[inode]`), which the inner one must differ from. */
const OUTER_NETNS_ENV = 'PORTICO_PRIVATE_NETNS_OUTER';

/** True inside the child `runTestFileInPrivateNamespaces` started. */
export function isPrivateNetnsChild(): boolean {
  return process.env[PRIVATE_NETNS_INNER_ENV] === '1';
}

/** Why a test needing private network and mount namespaces (and `commands`) cannot run, or undefined. */
export function privateNamespacesSkipReason(commands: readonly string[]): string | undefined {
  const reason = privateNetnsSkipReason(['ip', 'mount', ...commands]);
  if (reason !== undefined) return reason;
  const probe = spawnSync('unshare', ['--net', '--mount', 'true'], { encoding: 'utf8' });
  return probe.status === 0 ? undefined : `cannot create a mount namespace: ${probe.stderr.trim()}`;
}

/**
 * Runs the test file `file` again in a child under `unshare --net --mount` with a tmpfs over /run (so even
 * `/run/netns` is private) and loopback up; everything the child creates dies with its namespaces. Resolves with
 * the child's exit code and its TAP output.
 */
export async function runTestFileInPrivateNamespaces(
  file: string,
  timeoutMs: number,
): Promise<{ code: number | null; output: string }> {
  const script =
    'mount -t tmpfs portico-run /run && mkdir /run/netns && ip link set lo up && ' +
    'exec "$0" --import tsx --test-reporter=tap "$1"';
  const scratch = mkdtempSync(join(tmpdir(), 'portico-private-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    [SCRATCH_ENV]: scratch,
    [PRIVATE_NETNS_INNER_ENV]: '1',
    [OUTER_NETNS_ENV]: readlinkSync('/proc/self/ns/net'),
  };
  // Without node:test's own context the child reports as a plain TAP run we can read.
  delete env['NODE_TEST_CONTEXT'];
  const child = spawn(
    'unshare',
    ['--net', '--mount', '--propagation', 'private', 'sh', '-c', script, process.execPath, file],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code] = (await once(child, 'close')) as [number | null];
  clearTimeout(timer);
  await stopLeftovers(scratch, 20_000);
  rmSync(scratch, { recursive: true, force: true });
  return { code, output };
}

/** Refuses to go on unless this process is in its own network namespace with a private tmpfs on /run. */
export function assertPrivateNamespaces(): void {
  const outer = process.env[OUTER_NETNS_ENV] ?? '';
  if (!/^net:\[\d+\]$/.test(outer)) throw new Error('the outer network namespace is unknown');
  if (readlinkSync('/proc/self/ns/net') === outer) throw new Error('not in a private network namespace');
  const runMount = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .filter((line) => line.split(' ')[4] === '/run')
    .at(-1);
  if (!/ - tmpfs portico-run /.test(runMount ?? '')) throw new Error('/run is not the private tmpfs');
}
