/**
 * Test support: a private network namespace held open by one process (`unshare --net sh -c 'echo ready; exec
 * sleep 600'`), a command prefix that enters it, and a command runner that refuses to run anything unless the
 * namespace really is a different one from the caller's — so tests can never touch the host's rules.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { type CommandRunner, withCommandPrefix } from '../../exec/command.ts';

/** A held namespace. */
export interface NetnsHolder {
  readonly pid: number;
  /** `nsenter --target PID --net`. */
  readonly prefix: readonly string[];
  /** Runs commands inside the namespace, after checking it is not the caller's. */
  readonly run: CommandRunner;
  /** Kills the holder (by PID); the namespace dies with it. */
  kill(): void;
}

function namespaceOf(pid: number | 'self'): string {
  return readlinkSync(`/proc/${pid}/ns/net`);
}

/** Throws unless `pid` lives in a network namespace other than this process's. */
export function assertPrivateNamespace(pid: number): void {
  const theirs = namespaceOf(pid);
  if (theirs === namespaceOf('self')) throw new Error(`process ${pid} shares the host network namespace (${theirs})`);
}

function waitForReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready\n')) resolve();
    });
    child.once('exit', (code) => {
      reject(new Error(`namespace holder exited early (code ${String(code)})`));
    });
    child.once('error', reject);
  });
}

/**
 * Starts the holder and resolves once its namespace exists.
 *
 * @example
 * const netns = await holdPrivateNetns();
 * const iptables = createIptablesRunner(netns.run, 'IPv4');
 */
export async function holdPrivateNetns(run: CommandRunner): Promise<NetnsHolder> {
  const child = spawn('unshare', ['--net', 'sh', '-c', 'echo ready; exec sleep 600'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  await waitForReady(child);
  const pid = child.pid;
  if (pid === undefined) throw new Error('namespace holder has no PID');
  assertPrivateNamespace(pid);
  const prefix = ['nsenter', '--target', String(pid), '--net'];
  const inside = withCommandPrefix(run, prefix);
  return {
    pid,
    prefix,
    run: (argv, stdin) => {
      assertPrivateNamespace(pid);
      return inside(argv, stdin);
    },
    kill: () => {
      if (child.exitCode === null) process.kill(pid, 'SIGKILL');
    },
  };
}
