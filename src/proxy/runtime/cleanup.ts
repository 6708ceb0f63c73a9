/**
 * `--cleanup`: removes what kube-proxy's iptables mode put in the kernel — the jump rules from the built-in chains
 * (reference §7, kubelet's KUBE-FIREWALL jumps included) and then, in one restore per table, every fixed KUBE-*
 * chain it writes and every per-service chain (flushed, then deleted). Chains of other components are left alone.
 */
import {
  kubeExternalServicesChain,
  kubeForwardChain,
  kubeletFirewallChain,
  kubeMarkMasqChain,
  kubeNodePortsChain,
  kubePostroutingChain,
  kubeProxyCanaryChain,
  kubeProxyFirewallChain,
  kubeServicesChain,
} from '../iptables/constants.ts';
import { isServiceChainName } from '../iptables/chain-names.ts';
import { iptablesJumpRules, kubeletJumpRules } from '../iptables/jump-rules.ts';
import { chainsInDump, type IptablesRunner } from './iptables-runner.ts';

/** The fixed chains kube-proxy's rules create, in either table. */
const fixedChains = new Set([
  kubeServicesChain,
  kubeNodePortsChain,
  kubeExternalServicesChain,
  kubeProxyFirewallChain,
  kubeForwardChain,
  kubePostroutingChain,
  kubeMarkMasqChain,
  kubeletFirewallChain,
  kubeProxyCanaryChain,
]);

/** What a cleanup removed. */
export interface CleanupReport {
  readonly jumpRules: number;
  readonly chains: Readonly<Record<'filter' | 'nat', readonly string[]>>;
}

/** The restore payload that flushes and deletes `chains` in `table` (empty when there are none). */
export function deleteChainsPayload(table: string, chains: readonly string[]): string {
  if (chains.length === 0) return '';
  const lines = [`*${table}`, ...chains.map((chain) => `:${chain} - [0:0]`), ...chains.map((chain) => `-X ${chain}`)];
  return `${lines.join('\n')}\nCOMMIT\n`;
}

async function ownedChains(iptables: IptablesRunner, table: 'filter' | 'nat'): Promise<string[]> {
  const existing = chainsInDump(await iptables.save(table));
  return [...existing].filter((chain) => fixedChains.has(chain) || (table === 'nat' && isServiceChainName(chain)));
}

/** Removes kube-proxy's jump rules and chains; throws if the kernel refuses (e.g. a chain still referenced). */
export async function cleanupIptables(iptables: IptablesRunner): Promise<CleanupReport> {
  let jumpRules = 0;
  for (const rule of [...iptablesJumpRules, ...kubeletJumpRules]) {
    // Remove every copy: a rule inserted twice would keep the chain referenced.
    for (let copies = 0; copies < 16 && (await iptables.deleteJumpRule(rule)); copies++) jumpRules++;
  }
  const chains = { filter: await ownedChains(iptables, 'filter'), nat: await ownedChains(iptables, 'nat') };
  const payload = deleteChainsPayload('filter', chains.filter) + deleteChainsPayload('nat', chains.nat);
  if (payload !== '') await iptables.restore(payload);
  return { jumpRules, chains };
}
