/**
 * Line buffers for one `iptables-restore --noflush` table, serialised in the canonical order of reference §10:
 * `:CHAIN` lines sorted (KUBE-NODEPORTS, KUBE-SERVICES, other KUBE-*, the rest), rules grouped per chain in the
 * same order (insertion order inside a chain), then `-X` lines. The kernel only cares about order inside a
 * chain, so this is as valid a restore input as upstream's emission order — and it is deterministic.
 */
import { kubeNodePortsChain, kubeServicesChain } from './constants.ts';

/** A word of a rule; numbers are printed in decimal. */
export type Word = string | number;

/** Where chain declarations and rules go; a partial sync points unchanged services at a counting sink. */
export interface ChainWriter {
  /** Declares (and so, under --noflush, flushes) a chain. */
  declare(chain: string): void;
  /** Appends `-A {chain} {words…}`, words joined with single spaces as upstream's LineBuffer does. */
  rule(chain: string, ...words: Word[]): void;
}

/** One table's chains, rules and deletions. */
export interface TableBuffer extends ChainWriter {
  readonly name: string;
  /** Declares a chain and deletes it with `-X` (stale-chain GC). */
  deleteChain(chain: string): void;
  readonly stats: { chains: number; rules: number; deleted: number };
  /** Appends the table's lines (`*table` … `COMMIT`) to `out`. */
  serialize(out: string[]): void;
}

/** Sorts chain names into canonical order: the two dispatch chains, other KUBE-* chains, then the rest. */
export function sortChains(chains: Iterable<string>): string[] {
  const head: string[] = [];
  const kube: string[] = [];
  const other: string[] = [];
  for (const chain of chains) {
    if (chain === kubeNodePortsChain || chain === kubeServicesChain) head.push(chain);
    else if (chain.startsWith('KUBE-')) kube.push(chain);
    else other.push(chain);
  }
  // Chain names are ASCII, so the default code-unit sort is the byte-wise sort (and NODEPORTS < SERVICES).
  return [...head.sort(), ...kube.sort(), ...other.sort()];
}

/** A new, empty table buffer. */
export function newTableBuffer(name: string): TableBuffer {
  // Declared chains and their rules; a chain's rules are joined into one block at serialisation.
  const chains = new Map<string, string[]>();
  const deleted = new Set<string>();
  const stats = { chains: 0, rules: 0, deleted: 0 };
  // Per-service chains get all their rules in one run of writes, so remember the last chain's list.
  let lastChain = '';
  let lastList: string[] = [];
  return {
    name,
    stats,
    declare(chain) {
      if (chains.has(chain)) return;
      chains.set(chain, []);
      stats.chains++;
    },
    rule(chain, ...words) {
      if (chain !== lastChain) {
        const list = chains.get(chain);
        if (list === undefined) throw new Error(`rule for undeclared ${name} chain ${chain}`);
        lastChain = chain;
        lastList = list;
      }
      // One flat string per rule: the template pieces die young, and the final join only copies.
      words.unshift('-A', chain);
      lastList.push(words.join(' '));
      stats.rules++;
    },
    deleteChain(chain) {
      this.declare(chain);
      deleted.add(chain);
      stats.deleted++;
    },
    serialize(out) {
      const sorted = sortChains(chains.keys());
      out.push(`*${name}`);
      for (const chain of sorted) out.push(`:${chain} - [0:0]`);
      for (const chain of sorted) for (const line of chains.get(chain) ?? []) out.push(line);
      for (const chain of sorted) if (deleted.has(chain)) out.push(`-X ${chain}`);
      out.push('COMMIT');
    },
  };
}

/** A writer that only counts, for the chains of services a partial sync leaves alone. */
export function newCountingWriter(): ChainWriter & { readonly stats: { chains: number; rules: number } } {
  const stats = { chains: 0, rules: 0 };
  return {
    stats,
    declare() {
      stats.chains++;
    },
    rule() {
      stats.rules++;
    },
  };
}
