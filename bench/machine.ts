/** Describes the machine a benchmark ran on, so figures are never read without it. */
import { spawnSync } from 'node:child_process';
import { cpus, release, totalmem } from 'node:os';

function commandVersion(command: string, args: readonly string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.status === 0 ? (result.stdout.trim().split('\n')[0] ?? 'unknown') : 'not installed';
}

/** One line per fact: CPU, cores, memory, kernel, Node.js and iptables versions. */
export function machineDescription(): string {
  const cpuList = cpus();
  return [
    `cpu: ${cpuList[0]?.model.trim() ?? 'unknown'} × ${cpuList.length}`,
    `memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `kernel: Linux ${release()}`,
    `node: ${process.version}`,
    `iptables: ${commandVersion('iptables', ['--version'])}`,
  ].join('\n');
}
