/**
 * `portico up --detach` then `portico down`, many times in a row, checking after every `down` that nothing is
 * left: no network namespace, no link but lo, no route, no process naming the cluster folder, no folder. Not part
 * of `npm test` (each round builds a whole cluster); run it by hand:
 *
 *   node --import tsx bench/up-down-loop.ts [--iterations 20] [--nodes 2] [--no-demo] [--cpu-load 0]
 *
 * `--cpu-load N` keeps N busy loops running beside the cluster, to look for start-up races on a loaded machine.
 * Everything runs in a child under `unshare --net --mount` with a tmpfs over /run, as the cluster tests do: the
 * cluster's "host" is that private namespace, so no packet reaches the real host's networks.
 */
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { privateNamespacesSkipReason, processesMentioning, stopLeftovers } from '../test/support/private-netns.ts';
import { median } from './timing.ts';

const THIS_FILE = fileURLToPath(import.meta.url);
const BIN = fileURLToPath(new URL('../bin/portico.mjs', import.meta.url));
const INNER_ENV = 'PORTICO_UP_DOWN_LOOP_INNER';
const OUTER_NETNS_ENV = 'PORTICO_UP_DOWN_LOOP_OUTER_NETNS';
const SCRATCH_ENV = 'PORTICO_UP_DOWN_LOOP_SCRATCH';
const CLUSTER = 'loop';

interface LoopOptions {
  readonly iterations: number;
  readonly nodes: number;
  readonly demo: boolean;
  readonly cpuLoad: number;
}

function parseOptions(argv: readonly string[]): LoopOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      iterations: { type: 'string', default: '20' },
      nodes: { type: 'string', default: '2' },
      'no-demo': { type: 'boolean', default: false },
      'cpu-load': { type: 'string', default: '0' },
    },
  });
  const count = (text: string, flag: string, min: number): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) throw new Error(`${flag} must be an integer of at least ${min}`);
    return value;
  };
  return {
    iterations: count(values.iterations, '--iterations', 1),
    nodes: count(values.nodes, '--nodes', 1),
    demo: !values['no-demo'],
    cpuLoad: count(values['cpu-load'], '--cpu-load', 0),
  };
}

interface Run {
  readonly code: number;
  readonly output: string;
  readonly ms: number;
}

function portico(args: readonly string[], timeoutMs: number): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, output: `${stdout}${stderr}`, ms: Date.now() - started });
    });
  });
}

function lines(argv: readonly string[]): string[] {
  const [program = '', ...args] = argv;
  const result = spawnSync(program, args, { encoding: 'utf8', timeout: 20_000 });
  return result.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** What is still there after `down`, one line per thing; empty when the namespace is as clean as at the start. */
function leftovers(dir: string): string[] {
  const found: string[] = [];
  for (const ns of lines(['ip', 'netns', 'list'])) found.push(`network namespace ${ns}`);
  for (const link of lines(['ip', '-o', 'link', 'show'])) {
    const name = link.split(':')[1]?.trim();
    if (name !== 'lo') found.push(`link ${name ?? link}`);
  }
  for (const route of lines(['ip', '-4', 'route', 'show'])) found.push(`route ${route}`);
  for (const pid of processesMentioning(dir)) found.push(`process ${pid} naming ${dir}`);
  if (existsSync(dir)) found.push(`folder ${dir}`);
  return found;
}

/** Busy loops beside the cluster, so the rounds run on a machine with no idle CPU. */
function startCpuLoad(count: number): ChildProcess[] {
  return Array.from({ length: count }, () =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore', detached: true }),
  );
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The last `count` lines of `text`, indented. */
function tail(text: string, count: number): string {
  return text
    .trimEnd()
    .split('\n')
    .slice(-count)
    .map((line) => `      ${line}`)
    .join('\n');
}

/** One round: up, down, and the check; returns what went wrong (nothing: it was clean). */
async function round(index: number, options: LoopOptions, stateDir: string, times: { up: number[]; down: number[] }) {
  const dir = join(stateDir, CLUSTER);
  const flags = ['--name', CLUSTER, '--state-dir', stateDir];
  const upArgs = ['up', ...flags, '--nodes', String(options.nodes), '--detach', ...(options.demo ? [] : ['--no-demo'])];
  const up = await portico(upArgs, 600_000);
  const down = await portico(['down', ...flags], 180_000);
  const left = leftovers(dir);
  const problems: string[] = [];
  if (up.code !== 0) problems.push(`up failed (exit ${up.code}):\n${tail(up.output, 40)}`);
  else times.up.push(up.ms);
  if (down.code !== 0) problems.push(`down failed (exit ${down.code}):\n${tail(down.output, 20)}`);
  else times.down.push(down.ms);
  if (left.length > 0) problems.push(`left after down:\n${left.map((thing) => `      ${thing}`).join('\n')}`);
  const verdict = problems.length === 0 ? 'clean' : 'FAILED';
  // Not a failure, but worth seeing: a process that did not stop within its grace period was killed.
  const killed = [...down.output.matchAll(/stopped (\S+) \(killed\)/g)].map((match) => match[1] ?? '');
  const note = killed.length === 0 ? '' : ` (killed after their grace period: ${killed.join(', ')})`;
  console.log(
    `[${index}/${options.iterations}] up ${seconds(up.ms)}, down ${seconds(down.ms)}: ${verdict}${note}` +
      problems.map((problem) => `\n    ${problem}`).join(''),
  );
  return problems;
}

/** Inside the private namespaces: the rounds and the summary; exits 1 if any round failed. */
async function inner(options: LoopOptions): Promise<void> {
  const outer = process.env[OUTER_NETNS_ENV] ?? '';
  if (!/^net:\[\d+\]$/.test(outer) || readlinkSync('/proc/self/ns/net') === outer) {
    throw new Error('refusing to run: not in a private network namespace');
  }
  const stateDir = process.env[SCRATCH_ENV] ?? '';
  if (stateDir === '') throw new Error(`${SCRATCH_ENV} is not set`);
  const before = leftovers(join(stateDir, CLUSTER));
  if (before.length > 0) throw new Error(`the private namespace is not clean to start with: ${before.join(', ')}`);
  const load = startCpuLoad(options.cpuLoad);
  const times = { up: [] as number[], down: [] as number[] };
  let failed = 0;
  try {
    for (let i = 1; i <= options.iterations; i++) {
      if ((await round(i, options, stateDir, times)).length > 0) failed++;
    }
  } finally {
    for (const busy of load) busy.kill('SIGKILL');
  }
  const passed = options.iterations - failed;
  console.log(
    `\nsummary: ${passed} of ${options.iterations} rounds clean; up median ${seconds(median(times.up))}, ` +
      `down median ${seconds(median(times.down))}`,
  );
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

/** Outside: start the inner run under `unshare --net --mount` with a private /run, streaming its output. */
async function outer(argv: readonly string[]): Promise<void> {
  const skip = privateNamespacesSkipReason(['nsenter', 'iptables', 'curl']);
  if (skip !== undefined) {
    console.log(`up/down loop not run: ${skip}`);
    process.exitCode = 2;
    return;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'portico-up-down-loop-'));
  const script =
    'mount -t tmpfs portico-run /run && mkdir /run/netns && ip link set lo up && ' + 'exec "$0" --import tsx "$@"';
  const env = {
    ...process.env,
    [INNER_ENV]: '1',
    [SCRATCH_ENV]: scratch,
    [OUTER_NETNS_ENV]: readlinkSync('/proc/self/ns/net'),
  };
  const child = spawn(
    'unshare',
    ['--net', '--mount', '--propagation', 'private', 'sh', '-c', script, process.execPath, THIS_FILE, ...argv],
    { env, stdio: 'inherit' },
  );
  const [code] = (await once(child, 'exit')) as [number | null];
  await stopLeftovers(scratch, 20_000);
  rmSync(scratch, { recursive: true, force: true });
  process.exitCode = code ?? 1;
}

const argv = process.argv.slice(2);
if (process.env[INNER_ENV] === '1') await inner(parseOptions(argv));
else {
  parseOptions(argv);
  await outer(argv);
}
