/**
 * The one tracing engine behind both presentations. It walks nat PREROUTING (adding kube-proxy's
 * `-j KUBE-SERVICES` jump when the state lacks it), applies the first DNAT to the destination address, then runs
 * filter KUBE-SERVICES, KUBE-EXTERNAL-SERVICES, KUBE-NODEPORTS and KUBE-PROXY-FIREWALL directly (reference
 * §14.2). Every `statistic` branch is explored; each outcome carries the probability of the branches taken.
 */
import { KUBE_CHAIN, TABLE, VERDICT_TARGETS } from './constants.ts';
import {
  AddressSet,
  dnatAddress,
  LOOPBACK_ADDRESSES,
  toPacket,
  withDestination,
  type Packet,
  type PacketInput,
} from './packet.ts';
import { parseRuleLine } from './parse-rule.ts';
import { ruleComment, type ParsedRule } from './rule.ts';
import { evaluateRule } from './rule-match.ts';
import { chainRules, type NetfilterState } from './state.ts';

/** A terminal result of one explored branch. */
export interface TraceOutcome {
  readonly kind: 'DNAT' | 'ACCEPT' | 'DROP' | 'REJECT';
  /** The DNAT `--to-destination` as written (`ip:port` or `[ip6]:port`). */
  readonly destination?: string;
  readonly probability: number;
  readonly table: string;
  readonly chain: string;
}

/** One rule the packet matched, in the order the walk met it. */
export interface TraceStep {
  readonly table: string;
  readonly chain: string;
  /** 1-based position in its chain; 0 for kube-proxy's assumed PREROUTING jump. */
  readonly ruleNumber: number;
  readonly rule: string;
  readonly comment?: string;
  readonly reason: string;
  /** The probability of the random branch this rule takes, for `statistic` rules. */
  readonly branch?: number;
  readonly target: string;
  /** How many jumps deep the chain is (0 for chains the walk starts in). */
  readonly depth: number;
}

/** Everything one walk found. */
export interface EngineResult {
  readonly outcomes: readonly TraceOutcome[];
  readonly steps: readonly TraceStep[];
  readonly masquerade: boolean;
  readonly notes: readonly string[];
}

/** Options of a walk: the node's own addresses (loopback is always added). */
export interface EngineOptions {
  readonly localIPs: readonly string[];
}

interface Walk {
  readonly state: NetfilterState;
  readonly locals: AddressSet;
  packet: Packet;
  readonly outcomes: TraceOutcome[];
  readonly steps: TraceStep[];
  readonly notes: string[];
  readonly stack: string[];
  masquerade: boolean;
}

interface ChainExit {
  readonly terminated: boolean;
  /** Probability mass that left the chain without a verdict. */
  readonly residual: number;
}

const IMPLIED_JUMP = parseRuleLine(
  `-A PREROUTING -m comment --comment "kubernetes service portals" -j ${KUBE_CHAIN.services}`,
);

/** nat PREROUTING's rules, with kube-proxy's jump prepended when nothing there jumps to KUBE-SERVICES. */
function entryRules(state: NetfilterState): readonly ParsedRule[] {
  const rules = chainRules(state, TABLE.nat, 'PREROUTING') ?? [];
  const hasJump = rules.some((rule) => rule.target?.name === KUBE_CHAIN.services);
  return hasJump ? rules : [IMPLIED_JUMP, ...rules];
}

function note(walk: Walk, text: string): void {
  if (!walk.notes.includes(text)) walk.notes.push(text);
}

/** Where a rule sits: its table, chain and 1-based number in the chain. */
interface RulePlace {
  readonly table: string;
  readonly chain: string;
  readonly number: number;
}

function recordStep(walk: Walk, place: RulePlace, rule: ParsedRule, reasons: readonly string[], branch?: number): void {
  const comment = ruleComment(rule);
  const implied = rule === IMPLIED_JUMP;
  walk.steps.push({
    table: place.table,
    chain: place.chain,
    ruleNumber: implied ? 0 : place.number,
    rule: rule.raw,
    ...(comment !== undefined && { comment }),
    reason: implied ? "kube-proxy's jump rule, assumed because this state has none" : reasons.join(', '),
    ...(branch !== undefined && { branch }),
    target: rule.target?.name ?? '',
    depth: walk.stack.length - 1,
  });
}

/** Runs one chain; returns whether it ended in a verdict and the mass that fell through. */
function runChain(walk: Walk, table: string, chain: string, mass: number, rules?: readonly ParsedRule[]): ChainExit {
  const chainRuleList = rules ?? chainRules(walk.state, table, chain);
  if (!chainRuleList) return { terminated: false, residual: mass };
  walk.stack.push(chain);
  try {
    return runRules(walk, table, chain, mass, chainRuleList);
  } finally {
    walk.stack.pop();
  }
}

function runRules(walk: Walk, table: string, chain: string, entering: number, rules: readonly ParsedRule[]): ChainExit {
  let mass = entering;
  let returned = 0; // mass that a probabilistic RETURN sent back to the caller
  const firstNumber = rules[0] === IMPLIED_JUMP ? 0 : 1; // the assumed jump is rule 0; real rules keep their numbers
  for (const [index, rule] of rules.entries()) {
    const number = index + firstNumber;
    const target = rule.target;
    if (!target) continue;
    const evaluation = evaluateRule(rule, walk.packet, walk.locals);
    if (!evaluation.matched) {
      if (evaluation.stateful) note(walk, `${table}/${chain} rule ${number} not taken: ${evaluation.why}`);
      continue;
    }
    const p = evaluation.probability;
    const branchMass = p === undefined ? mass : mass * p;
    recordStep(walk, { table, chain, number }, rule, evaluation.reasons, p);
    if (target.name === KUBE_CHAIN.markMasq) {
      walk.masquerade = true; // as upstream: the mark is what matters, the chain itself is not walked
      continue;
    }
    if (VERDICT_TARGETS.has(target.name) || target.name === 'DNAT') {
      const kind = target.name as TraceOutcome['kind'];
      const destination = kind === 'DNAT' ? { destination: target.toDestination ?? '' } : {};
      walk.outcomes.push({ kind, ...destination, probability: branchMass, table, chain });
      return { terminated: true, residual: returned };
    }
    if (target.name === 'RETURN') {
      if (p === undefined) return { terminated: false, residual: mass + returned };
      returned += branchMass;
      mass -= branchMass;
      continue;
    }
    const exit = jump(walk, table, target.name, branchMass);
    if (!exit) continue;
    if (target.goto) return { terminated: exit.terminated, residual: exit.residual + returned };
    if (p === undefined) {
      if (exit.terminated) return { terminated: true, residual: exit.residual + returned };
      mass = exit.residual;
    } else {
      mass = mass - branchMass + exit.residual;
    }
  }
  return { terminated: false, residual: mass + returned };
}

/** Enters a user chain, or returns undefined for non-terminating extension targets and missing chains. */
function jump(walk: Walk, table: string, chain: string, mass: number): ChainExit | undefined {
  if (!walk.state.tables.get(table)?.chains.has(chain)) return undefined;
  if (walk.stack.includes(chain)) {
    note(walk, `loop: ${table}/${chain} is already being walked`);
    return undefined;
  }
  return runChain(walk, table, chain, mass);
}

/** The filter chains kube-proxy fills, run directly (which hook reaches them depends on the packet's path). */
const FILTER_CHAINS = [
  KUBE_CHAIN.services,
  KUBE_CHAIN.externalServices,
  KUBE_CHAIN.nodePorts,
  KUBE_CHAIN.proxyFirewall,
];

/** Walks one packet through `state`; throws `NetfilterError` if the packet's addresses are not IPs. */
export function runTrace(state: NetfilterState, input: PacketInput, options: EngineOptions): EngineResult {
  const walk: Walk = {
    state,
    locals: new AddressSet([...LOOPBACK_ADDRESSES, ...options.localIPs]),
    packet: toPacket(input),
    outcomes: [],
    steps: [],
    notes: [],
    stack: [],
    masquerade: false,
  };
  runChain(walk, TABLE.nat, 'PREROUTING', 1, entryRules(state));
  const dnat = walk.outcomes.find((outcome) => outcome.kind === 'DNAT');
  if (dnat?.destination !== undefined) {
    const address = dnatAddress(dnat.destination);
    if (address) walk.packet = withDestination(walk.packet, address.ip, address.text);
    else note(walk, `DNAT destination "${dnat.destination}" has no address; filter chains see the original one`);
  }
  for (const chain of FILTER_CHAINS) runChain(walk, TABLE.filter, chain, 1);
  return { outcomes: walk.outcomes, steps: walk.steps, masquerade: walk.masquerade, notes: walk.notes };
}
