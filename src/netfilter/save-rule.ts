/**
 * One rule as `iptables-save` prints it (reference §11): IP header matches first in fixed order with explicit
 * prefix lengths, then the modules in written order, then the target with its options in canonical form.
 */
import { formatNetworkForSave, type IpFamily } from './ip.ts';
import { parseRuleLine } from './parse-rule.ts';
import type { Negatable, ParsedRule, RuleTarget } from './rule.ts';
import { genericOptions, hex, renderSavedModule } from './save-modules.ts';

/** Protocol numbers `iptables-save` prints by name. */
const PROTOCOL_NAMES: Readonly<Record<string, string>> = {
  '1': 'icmp',
  '6': 'tcp',
  '17': 'udp',
  '58': 'ipv6-icmp',
  '132': 'sctp',
};

function headerPart(flag: string, match: Negatable | undefined, render: (value: string) => string): string[] {
  if (!match) return [];
  return [`${match.negated ? '! ' : ''}${flag} ${render(match.value)}`];
}

function renderProtocol(protocol: string): string {
  const lower = protocol.toLowerCase();
  return PROTOCOL_NAMES[lower] ?? lower;
}

function renderHeader(rule: ParsedRule): string[] {
  return [
    ...headerPart('-s', rule.source, formatNetworkForSave),
    ...headerPart('-d', rule.destination, formatNetworkForSave),
    ...headerPart('-i', rule.inInterface, String),
    ...headerPart('-o', rule.outInterface, String),
    ...headerPart('-p', rule.protocol, renderProtocol),
    ...(rule.fragment ? [`${rule.fragment.negated ? '! ' : ''}-f`] : []),
  ];
}

/** The flag options among `names` that the target carries, in the order given (libxt save order). */
function flags(target: RuleTarget, names: readonly string[]): string[] {
  return names.filter((name) => target.options.some((option) => option.name === name));
}

function targetOptions(target: RuleTarget, family: IpFamily): string[] {
  switch (target.name) {
    case 'MARK':
      return target.markXor ? [`--set-xmark ${hex(target.markXor.value)}/${hex(target.markXor.mask)}`] : [];
    case 'REJECT':
      return [
        `--reject-with ${target.rejectWith ?? (family === 4 ? 'icmp-port-unreachable' : 'icmp6-port-unreachable')}`,
      ];
    case 'DNAT':
      return [
        ...(target.toDestination === undefined ? [] : [`--to-destination ${target.toDestination}`]),
        ...flags(target, ['--random', '--persistent']),
      ];
    case 'SNAT':
      return [
        ...(target.toSource === undefined ? [] : [`--to-source ${target.toSource}`]),
        ...flags(target, ['--random', '--random-fully', '--persistent']),
      ];
    case 'MASQUERADE':
      return [
        ...genericOptions(target.options, ['--random', '--random-fully']),
        ...flags(target, ['--random', '--random-fully']),
      ];
    default:
      return genericOptions(target.options);
  }
}

function renderTarget(target: RuleTarget | undefined, family: IpFamily): string[] {
  if (!target) return [];
  return [`${target.goto ? '-g' : '-j'} ${target.name}`, ...targetOptions(target, family)];
}

/** A parsed rule in `iptables-save` form (`-A CHAIN …`), with a `[pkts:bytes]` prefix if `withCounters`. */
export function renderSaveRule(rule: ParsedRule, family: IpFamily, withCounters = false): string {
  const parts = [
    `-A ${rule.chain}`,
    ...renderHeader(rule),
    ...rule.matches.map((module) => renderSavedModule(module, family)),
    ...renderTarget(rule.target, family),
  ];
  const counters = rule.counters ?? { packets: 0, bytes: 0 };
  const prefix = withCounters ? `[${counters.packets}:${counters.bytes}] ` : '';
  return prefix + parts.join(' ');
}

/** What `iptables-save` prints for one line fed to `iptables-restore` (e.g. adds `/32`, quotes comments). */
export function restoreLineToSaveLine(line: string, family: IpFamily = 4): string {
  return renderSaveRule(parseRuleLine(line), family);
}
