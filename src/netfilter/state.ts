/**
 * The fake kernel's tables: what `iptables-save` would list. Functions here never change the state they are
 * given; edits work on a copy (`cloneState`) and return it.
 */
import { BUILTIN_CHAINS, DEFAULT_POLICY } from './constants.ts';
import { NetfilterError } from './errors.ts';
import type { IpFamily } from './ip.ts';
import type { Counters, ParsedRule } from './rule.ts';

/** One chain: builtin chains carry a policy and counters; user chains have policy `-`. */
export interface ChainState {
  readonly name: string;
  readonly builtin: boolean;
  policy: string;
  counters: Counters;
  rules: ParsedRule[];
}

/** One table: its chains in creation order (builtins first). */
export interface TableState {
  readonly name: string;
  readonly chains: Map<string, ChainState>;
}

/** The whole rule set of one address family (one `iptables` or `ip6tables`). */
export interface NetfilterState {
  readonly family: IpFamily;
  readonly tables: Map<string, TableState>;
}

const ZERO: Counters = { packets: 0, bytes: 0 };

/** An empty rule set: tables appear, with their builtin chains, when first used. */
export function createNetfilterState(family: IpFamily = 4): NetfilterState {
  return { family, tables: new Map() };
}

/** A deep copy that can be edited without touching the original (rules themselves are immutable). */
export function cloneState(state: NetfilterState): NetfilterState {
  const tables = new Map<string, TableState>();
  for (const [name, table] of state.tables) {
    const chains = new Map<string, ChainState>();
    for (const [chainName, chain] of table.chains) chains.set(chainName, { ...chain, rules: [...chain.rules] });
    tables.set(name, { name, chains });
  }
  return { family: state.family, tables };
}

/** Whether `chain` is one of `table`'s builtin chains. */
export function isBuiltinChain(table: string, chain: string): boolean {
  return BUILTIN_CHAINS[table]?.includes(chain) ?? false;
}

/** The named table of an editable state, created with its builtin chains if it does not exist yet. */
export function ensureTable(state: NetfilterState, name: string): TableState {
  const existing = state.tables.get(name);
  if (existing) return existing;
  const builtins = BUILTIN_CHAINS[name];
  if (!builtins) throw new NetfilterError('NETFILTER_RESTORE_FAILED', `table "${name}" does not exist`);
  const chains = new Map<string, ChainState>();
  for (const chain of builtins) {
    chains.set(chain, { name: chain, builtin: true, policy: DEFAULT_POLICY, counters: ZERO, rules: [] });
  }
  const table: TableState = { name, chains };
  state.tables.set(name, table);
  return table;
}

/** Creates an empty user chain in an editable table unless it exists (`iptables -N`, ignoring "exists"). */
export function ensureUserChain(table: TableState, name: string): ChainState {
  const existing = table.chains.get(name);
  if (existing) return existing;
  const chain: ChainState = { name, builtin: false, policy: '-', counters: ZERO, rules: [] };
  table.chains.set(name, chain);
  return chain;
}

/** The rules of one chain, or undefined when the table or chain does not exist. */
export function chainRules(state: NetfilterState, table: string, chain: string): readonly ParsedRule[] | undefined {
  return state.tables.get(table)?.chains.get(chain)?.rules;
}
