/**
 * What kube-proxy detects on the host it runs on, for commands that render rules without being told: interface
 * addresses, whether iptables supports `--random-fully`, and the conntrack `tcp_be_liberal` sysctl.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';

/** Every address on every local interface as `ip/prefix`, loopback included (kube-proxy lists them all). */
export function hostInterfaceAddrs(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((addresses) => addresses ?? [])
    .map((address) => address.cidr)
    .filter((cidr): cidr is string => cidr !== null);
}

/** The first non-loopback address of the family, as kube-proxy falls back to when no node IP is known. */
export function hostPrimaryIP(family: 'IPv4' | 'IPv6', interfaceAddrs: readonly string[]): string {
  const wanted = interfaceAddrs
    .map((cidr) => cidr.split('/')[0] ?? '')
    .filter((ip) => (family === 'IPv6' ? ip.includes(':') : ip.includes('.')))
    .filter((ip) => !ip.startsWith('127.') && ip !== '::1' && !ip.toLowerCase().startsWith('fe80:'));
  return wanted[0] ?? (family === 'IPv6' ? '::1' : '127.0.0.1');
}

/** `--random-fully` exists from iptables 1.6.2; without an iptables binary we assume a current one. */
export function iptablesHasRandomFully(): boolean {
  const result = spawnSync('iptables', ['--version'], { encoding: 'utf8' });
  if (result.status !== 0) return true;
  const match = /v(\d+)\.(\d+)\.(\d+)/.exec(result.stdout);
  if (match === null) return true;
  const [major, minor, patch] = match.slice(1).map(Number) as [number, number, number];
  return major > 1 || (major === 1 && (minor > 6 || (minor === 6 && patch >= 2)));
}

/** Whether the kernel runs conntrack in TCP "be liberal" mode (then kube-proxy drops no INVALID packets). */
export function conntrackTCPBeLiberal(): boolean {
  try {
    return readFileSync('/proc/sys/net/netfilter/nf_conntrack_tcp_be_liberal', 'utf8').trim() !== '0';
  } catch {
    return false;
  }
}
