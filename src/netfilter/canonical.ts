/**
 * The canonical order upstream's tests compare restore payloads in (reference §10, `sortIPTablesRules`): tables by
 * name; chains KUBE-NODEPORTS, KUBE-SERVICES, other KUBE-* byte-sorted, then the rest byte-sorted; rules of the
 * service-dispatch chains stable-sorted by the service name in their comment; `-X` lines after all rules.
 */
import { KUBE_CHAIN, LAST_RULE_MARKER, TABLE } from './constants.ts';
import { parseIptablesText, type ParsedTable } from './parse-dump.ts';
import { ruleComment, type ParsedRule } from './rule.ts';

/** Byte-wise string comparison (code units), as Go compares strings. */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function chainRank(name: string): number {
  if (name === KUBE_CHAIN.nodePorts) return 0;
  if (name === KUBE_CHAIN.services) return 1;
  return name.startsWith('KUBE-') ? 2 : 3;
}

/** Chain order of the canonical form. */
export function compareCanonicalChains(a: string, b: string): number {
  return chainRank(a) - chainRank(b) || compareBytes(a, b);
}

/** The service name of a rule's comment: the text before the first space or colon. */
function commentServiceName(rule: ParsedRule): string | undefined {
  const comment = ruleComment(rule);
  return comment === undefined ? undefined : comment.split(/[ :]/, 1)[0];
}

function byServiceName(a: ParsedRule, b: ParsedRule): number {
  const nameA = commentServiceName(a);
  const nameB = commentServiceName(b);
  return nameA === undefined || nameB === undefined ? 0 : compareBytes(nameA, nameB);
}

function isLastRule(rule: ParsedRule): boolean {
  return ruleComment(rule)?.includes(LAST_RULE_MARKER) ?? false;
}

function sortChainRules(table: string, chain: string, rules: ParsedRule[]): ParsedRule[] {
  const sortedByService = chain === KUBE_CHAIN.nodePorts || (chain === KUBE_CHAIN.services && table === TABLE.filter);
  if (sortedByService) return rules.toSorted(byServiceName);
  if (chain === KUBE_CHAIN.services && table === TABLE.nat) {
    return rules.toSorted((a, b) => Number(isLastRule(a)) - Number(isLastRule(b)) || byServiceName(a, b));
  }
  return rules;
}

function canonicalTableLines(table: ParsedTable): string[] {
  const declared = table.chains.map((chain) => chain.name);
  const ruled = table.commands.flatMap((c) => (c.kind === 'append' ? [c.rule.chain] : []));
  const chainNames = [...new Set([...declared, ...ruled])].sort(compareCanonicalChains);
  const declarations = table.chains.toSorted((a, b) => compareCanonicalChains(a.name, b.name));
  const deleted = new Set(table.commands.flatMap((c) => (c.kind === 'delete' ? [c.chain] : [])));
  const rulesOf = (chain: string): ParsedRule[] =>
    table.commands.flatMap((c) => (c.kind === 'append' && c.rule.chain === chain ? [c.rule] : []));
  return [
    `*${table.name}`,
    ...declarations.map((c) => `:${c.name} ${c.policy} [${c.counters.packets}:${c.counters.bytes}]`),
    ...chainNames.flatMap((chain) => sortChainRules(table.name, chain, rulesOf(chain)).map((rule) => rule.raw)),
    ...[...deleted].sort(compareCanonicalChains).map((chain) => `-X ${chain}`),
    'COMMIT',
  ];
}

/** A restore payload rewritten in canonical order; idempotent, and byte-identical for already-canonical input. */
export function canonicalizeRestorePayload(text: string): string {
  const tables = parseIptablesText(text).tables.toSorted((a, b) => compareBytes(a.name, b.name));
  return tables
    .flatMap(canonicalTableLines)
    .map((line) => `${line}\n`)
    .join('');
}
