/**
 * kube-proxy's jump rules from builtin chains into its own chains (reference §7). kube-proxy creates them with
 * `iptables -N` and `iptables -C … || iptables -I CHAIN …` (insert at position 1) before each full sync; adding
 * them to a fake state makes it look like a real node.
 */
import { KUBE_CHAIN, TABLE } from './constants.ts';
import { parseRuleWords } from './parse-rule.ts';
import { cloneState, ensureTable, ensureUserChain, type NetfilterState } from './state.ts';
import { joinWords, type Word } from './tokenize.ts';

/** One jump rule: from a builtin chain to a kube-proxy chain, with extra match arguments and a comment. */
export interface JumpRule {
  readonly table: string;
  readonly from: string;
  readonly to: string;
  readonly extraArgs: readonly string[];
  readonly comment?: string;
}

const NEW_ONLY = ['-m', 'conntrack', '--ctstate', 'NEW'];

/** kube-proxy's jump rules in the order it ensures them (§7 rows 1–12). */
export const KUBE_PROXY_JUMP_RULES: readonly JumpRule[] = [
  {
    table: TABLE.filter,
    from: 'INPUT',
    to: KUBE_CHAIN.externalServices,
    extraArgs: NEW_ONLY,
    comment: 'kubernetes externally-visible service portals',
  },
  {
    table: TABLE.filter,
    from: 'FORWARD',
    to: KUBE_CHAIN.externalServices,
    extraArgs: NEW_ONLY,
    comment: 'kubernetes externally-visible service portals',
  },
  {
    table: TABLE.filter,
    from: 'INPUT',
    to: KUBE_CHAIN.nodePorts,
    extraArgs: [],
    comment: 'kubernetes health check service ports',
  },
  {
    table: TABLE.filter,
    from: 'FORWARD',
    to: KUBE_CHAIN.services,
    extraArgs: NEW_ONLY,
    comment: 'kubernetes service portals',
  },
  {
    table: TABLE.filter,
    from: 'OUTPUT',
    to: KUBE_CHAIN.services,
    extraArgs: NEW_ONLY,
    comment: 'kubernetes service portals',
  },
  {
    table: TABLE.filter,
    from: 'FORWARD',
    to: KUBE_CHAIN.forward,
    extraArgs: [],
    comment: 'kubernetes forwarding rules',
  },
  {
    table: TABLE.filter,
    from: 'INPUT',
    to: KUBE_CHAIN.proxyFirewall,
    extraArgs: NEW_ONLY,
    comment: 'kubernetes load balancer firewall',
  },
  {
    table: TABLE.filter,
    from: 'OUTPUT',
    to: KUBE_CHAIN.proxyFirewall,
    extraArgs: NEW_ONLY,
    comment: 'kubernetes load balancer firewall',
  },
  {
    table: TABLE.filter,
    from: 'FORWARD',
    to: KUBE_CHAIN.proxyFirewall,
    extraArgs: NEW_ONLY,
    comment: 'kubernetes load balancer firewall',
  },
  { table: TABLE.nat, from: 'OUTPUT', to: KUBE_CHAIN.services, extraArgs: [], comment: 'kubernetes service portals' },
  {
    table: TABLE.nat,
    from: 'PREROUTING',
    to: KUBE_CHAIN.services,
    extraArgs: [],
    comment: 'kubernetes service portals',
  },
  {
    table: TABLE.nat,
    from: 'POSTROUTING',
    to: KUBE_CHAIN.postrouting,
    extraArgs: [],
    comment: 'kubernetes postrouting rules',
  },
];

/** The kubelet-style KUBE-FIREWALL jumps kube-proxy also ensures for IPv4 (§7 rows 13–14). */
export const KUBE_FIREWALL_JUMP_RULES: readonly JumpRule[] = [
  { table: TABLE.filter, from: 'INPUT', to: KUBE_CHAIN.firewall, extraArgs: [] },
  { table: TABLE.filter, from: 'OUTPUT', to: KUBE_CHAIN.firewall, extraArgs: [] },
];

/** The rule arguments of a jump rule: extra args, the comment, then `-j`. */
export function jumpRuleArgs(jump: JumpRule): string[] {
  const comment = jump.comment === undefined ? [] : ['-m', 'comment', '--comment', jump.comment];
  return [...jump.extraArgs, ...comment, '-j', jump.to];
}

/**
 * `iptables -t TABLE -N CHAIN` (if missing) then `-C`/`-I FROM 1 args` (if the rule is not there yet), on a
 * copy of `state`.
 */
export function ensureJumpRule(state: NetfilterState, jump: JumpRule): NetfilterState {
  const next = cloneState(state);
  const table = ensureTable(next, jump.table);
  ensureUserChain(table, jump.to);
  const from = table.chains.get(jump.from) ?? ensureUserChain(table, jump.from);
  const args = jumpRuleArgs(jump);
  const words: Word[] = args.map((text) => ({ text, quoted: /\s/.test(text) }));
  const rule = parseRuleWords(jump.from, words, joinWords(['-A', jump.from, ...args]));
  const present = from.rules.some((existing) => existing.args.join('\0') === args.join('\0'));
  if (!present) from.rules.unshift(rule);
  return next;
}

/** Options for `addKubeProxyJumpRules`. */
export interface JumpRuleOptions {
  /** Also add the INPUT/OUTPUT → KUBE-FIREWALL jumps (default: for IPv4 only, as kube-proxy does). */
  readonly firewallJumps?: boolean;
}

/** The state with every kube-proxy jump rule ensured, in kube-proxy's order (so it looks like a real node). */
export function addKubeProxyJumpRules(state: NetfilterState, options: JumpRuleOptions = {}): NetfilterState {
  const withFirewall = options.firewallJumps ?? state.family === 4;
  const jumps = withFirewall ? [...KUBE_PROXY_JUMP_RULES, ...KUBE_FIREWALL_JUMP_RULES] : KUBE_PROXY_JUMP_RULES;
  return jumps.reduce(ensureJumpRule, state);
}

/** The state with an empty chain (kube-proxy's canary by default) in each of the given tables. */
export function addCanaryChains(
  state: NetfilterState,
  chain: string = KUBE_CHAIN.proxyCanary,
  tables: readonly string[] = [TABLE.mangle, TABLE.nat, TABLE.filter],
): NetfilterState {
  const next = cloneState(state);
  for (const name of tables) ensureUserChain(ensureTable(next, name), chain);
  return next;
}
