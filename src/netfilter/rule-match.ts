/**
 * Does one rule match one packet, and why (in words)? Semantics follow upstream's test tracer (reference §14.2):
 * addresses, `addrtype LOCAL`, protocol and destination port are checked; rules that need history
 * (`--ctstate`, `--mark`, `recent --rcheck/--update`) never match; anything else is assumed to match.
 */
import { iptablesNetworkContains } from '../net/index.ts';
import { formatNetworkForSave, parseNetwork } from './ip.ts';
import type { AddressSet, Packet } from './packet.ts';
import type { AddrtypeModule, MatchModule, Negatable, ParsedRule, PortModule } from './rule.ts';

/** A match (with the reasons, and the branch probability of a `statistic` rule) or a miss (with the reason). */
export type RuleEvaluation =
  | { readonly matched: true; readonly reasons: readonly string[]; readonly probability?: number }
  | { readonly matched: false; readonly why: string; readonly stateful: boolean };

/** Why a clause passed, or undefined-with-why when it failed. */
type Clause = { ok: true; reason?: string } | { ok: false; why: string; stateful?: boolean };

function addressClause(what: string, ip: string, match: Negatable | undefined, packetIp: Packet['source']): Clause {
  if (!match) return { ok: true };
  const network = parseNetwork(match.value);
  const shown = formatNetworkForSave(match.value);
  const inside = iptablesNetworkContains(network, packetIp);
  if (inside !== match.negated) {
    return { ok: true, reason: match.negated ? `${what} ${ip} is outside ${shown}` : `${what} ${ip} matches ${shown}` };
  }
  return { ok: false, why: match.negated ? `${what} ${ip} is inside ${shown}` : `${what} ${ip} is not in ${shown}` };
}

function interfaceClause(what: string, given: string | undefined, match: Negatable | undefined): Clause {
  if (!match) return { ok: true };
  const pattern = match.value;
  if (given === undefined) return { ok: true, reason: `${what} not given (assumed to match ${pattern})` };
  const equal = pattern.endsWith('+') ? given.startsWith(pattern.slice(0, -1)) : given === pattern;
  return equal !== match.negated
    ? { ok: true, reason: `${what} ${given} ${match.negated ? 'is not' : 'matches'} ${pattern}` }
    : { ok: false, why: `${what} ${given} ${match.negated ? 'matches' : 'does not match'} ${pattern}` };
}

function portInRange(port: number, spec: string): boolean {
  const [low = '', high] = spec.split(':');
  if (high === undefined) return Number(low) === port;
  return port >= (low === '' ? 0 : Number(low)) && port <= (high === '' ? 65535 : Number(high));
}

/** One port check; a port the packet does not give (a source port) is assumed to match. */
function portClause(label: string, given: number | undefined, match: Negatable | undefined, prefix: string): Clause {
  if (!match) return { ok: true };
  const spec = `${match.negated ? '! ' : ''}${match.value}`;
  if (given === undefined) return { ok: true, reason: `${label} not given (assumed to match ${spec})` };
  if (portInRange(given, match.value) === match.negated)
    return { ok: false, why: `${label} ${given} does not match ${spec}` };
  const exact = !match.negated && match.value === String(given);
  return { ok: true, reason: `${prefix}${label} ${given}${exact ? '' : ` matches ${spec}`}` };
}

function portClauses(module: PortModule, packet: Packet, protocolMatched: boolean): Clause[] {
  const prefix = protocolMatched ? `${packet.protocol} ` : '';
  return [
    portClause('dport', packet.destPort, module.destinationPort, prefix),
    portClause('sport', packet.sourcePort, module.sourcePort, ''),
  ];
}

function addrtypeClause(what: string, ip: string, isLocal: boolean, match: Negatable | undefined): Clause {
  if (!match) return { ok: true };
  // Only LOCAL is modelled, as upstream's tracer does: any other type never matches.
  const holds = match.value === 'LOCAL' && isLocal;
  const phrase = match.value === 'LOCAL' ? 'a local address' : `of type ${match.value} (only LOCAL is modelled)`;
  const fact = `${what} ${ip} ${holds ? 'is' : 'is not'} ${phrase}`;
  return holds !== match.negated ? { ok: true, reason: fact } : { ok: false, why: fact };
}

function addrtypeClauses(module: AddrtypeModule, packet: Packet, locals: AddressSet): Clause[] {
  return [
    addrtypeClause('source', packet.sourceText, locals.has(packet.source), module.srcType),
    addrtypeClause('destination', packet.destinationText, locals.has(packet.destination), module.dstType),
  ];
}

function moduleClauses(module: MatchModule, packet: Packet, locals: AddressSet, protocolMatched: boolean): Clause[] {
  switch (module.kind) {
    case 'port':
      return portClauses(module, packet, protocolMatched);
    case 'addrtype':
      return addrtypeClauses(module, packet, locals);
    case 'conntrack':
      return [
        {
          ok: false,
          stateful: true,
          why: `needs conntrack state ${module.ctstate?.value.join(',') ?? ''}, which the tracer does not model`,
        },
      ];
    case 'mark':
      return [{ ok: false, stateful: true, why: 'needs a packet mark, which the tracer does not model' }];
    case 'recent':
      if (module.action?.value === 'rcheck' || module.action?.value === 'update') {
        return [
          {
            ok: false,
            stateful: true,
            why: `needs recent-list history (${module.listName ?? 'DEFAULT'}); the tracer follows a first packet`,
          },
        ];
      }
      return [{ ok: true }];
    case 'comment':
    case 'nfacct':
    case 'statistic':
      return [{ ok: true }];
    case 'other':
      return [{ ok: true, reason: `-m ${module.name} not evaluated (assumed to match)` }];
  }
}

function statisticProbability(rule: ParsedRule): number | undefined {
  for (const module of rule.matches) {
    if (module.kind !== 'statistic') continue;
    const p = module.probability ?? (module.every && { negated: module.every.negated, value: 1 / module.every.value });
    if (p) return p.negated ? 1 - p.value : p.value;
  }
  return undefined;
}

function protocolClause(rule: ParsedRule, packet: Packet): Clause {
  const match = rule.protocol;
  if (!match) return { ok: true };
  const wanted = match.value.toLowerCase();
  const equal = wanted === 'all' || wanted === '0' || wanted === packet.protocol;
  if (equal === match.negated)
    return { ok: false, why: `protocol ${packet.protocol} does not match ${match.negated ? '! ' : ''}${wanted}` };
  return { ok: true, reason: `protocol ${match.negated ? '!= ' : ''}${wanted}` };
}

/** Evaluates a rule against a packet; `locals` are the node's addresses for `addrtype LOCAL`. */
export function evaluateRule(rule: ParsedRule, packet: Packet, locals: AddressSet): RuleEvaluation {
  const protocol = protocolClause(rule, packet);
  const hasPortReason = rule.matches.some((m) => m.kind === 'port' && m.destinationPort);
  const protocolMatchedPlainly = protocol.ok && rule.protocol !== undefined && !rule.protocol.negated;
  const clauses: Clause[] = [
    addressClause('source', packet.sourceText, rule.source, packet.source),
    addressClause('destination', packet.destinationText, rule.destination, packet.destination),
    interfaceClause('in-interface', packet.inInterface, rule.inInterface),
    interfaceClause('out-interface', packet.outInterface, rule.outInterface),
    protocolMatchedPlainly && hasPortReason ? { ok: true } : protocol,
    ...rule.matches.flatMap((m) => moduleClauses(m, packet, locals, protocolMatchedPlainly)),
  ];
  const failures = clauses.flatMap((clause) => (clause.ok ? [] : [clause]));
  const failed = failures.find((clause) => clause.stateful !== true) ?? failures[0];
  if (failed) return { matched: false, why: failed.why, stateful: failed.stateful ?? false };
  const reasons = clauses.flatMap((clause) => (clause.ok && clause.reason !== undefined ? [clause.reason] : []));
  const probability = statisticProbability(rule);
  if (probability !== undefined) reasons.push(`random branch, probability ${probability}`);
  return {
    matched: true,
    reasons: reasons.length > 0 ? reasons : ['unconditional'],
    ...(probability !== undefined && { probability }),
  };
}
