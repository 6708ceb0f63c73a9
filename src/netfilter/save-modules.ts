/**
 * Each match module's options as `iptables-save` prints them: its own canonical option order, values normalised
 * (quoted comments, hex marks, re-rendered probabilities, ordered conntrack states, explicit recent defaults).
 */
import { FAMILY_BITS, formatIP, parseIP, prefixMask } from '../net/index.ts';
import { addressFamily, type IpFamily } from './ip.ts';
import { renderSavedProbability } from './probability.ts';
import type { MatchModule, MarkValue, Negatable, RecentModule, RuleOption, StatisticModule } from './rule.ts';
import { quoteSaveString, quoteWord } from './tokenize.ts';

/** `[!] --name value` as one string. */
function negatableOption<T>(name: string, option: Negatable<T> | undefined, render: (value: T) => string): string[] {
  if (!option) return [];
  return [`${option.negated ? '! ' : ''}${name} ${render(option.value)}`];
}

/** Options printed as written (modules this package does not interpret). */
export function genericOptions(options: readonly RuleOption[], skip: readonly string[] = []): string[] {
  return options
    .filter((option) => !skip.includes(option.name))
    .map((option) =>
      [option.negated ? '!' : '', option.name, ...option.values.map(quoteWord)].filter(Boolean).join(' '),
    );
}

/** A 32-bit value as `0x…` without leading zeros. */
export function hex(value: number): string {
  return `0x${value.toString(16)}`;
}

function renderMark(mark: MarkValue): string {
  return mark.mask === 0xffffffff ? hex(mark.value) : `${hex(mark.value)}/${hex(mark.mask)}`;
}

/** Conntrack states in the order libxt_conntrack prints them. */
const CTSTATE_ORDER = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'];

function renderStates(states: readonly string[]): string {
  const rank = (state: string): number => {
    const index = CTSTATE_ORDER.indexOf(state.toUpperCase());
    return index < 0 ? CTSTATE_ORDER.length : index;
  };
  return [...new Set(states.map((state) => state.toUpperCase()))].sort((a, b) => rank(a) - rank(b)).join(',');
}

function renderStatistic(module: StatisticModule): string[] {
  const mode = module.mode === undefined ? [] : [`--mode ${module.mode}`];
  return [
    ...mode,
    ...negatableOption('--probability', module.probability, renderSavedProbability),
    ...negatableOption('--every', module.every, String),
    ...(module.packet === undefined ? [] : [`--packet ${module.packet}`]),
  ];
}

function renderRecentMask(mask: string | undefined, family: IpFamily): string {
  const parsed = mask === undefined ? undefined : parseIP(mask, { sloppy: true });
  if (parsed) return formatIP(parsed, { style: 'inet_ntop' });
  const name = addressFamily(family);
  return formatIP({ family: name, value: prefixMask(name, FAMILY_BITS[name]) }, { style: 'inet_ntop' });
}

function renderRecent(module: RecentModule, family: IpFamily): string[] {
  const action = module.action ? [`${module.action.negated ? '! ' : ''}--${module.action.value}`] : [];
  return [
    ...action,
    ...(module.seconds === undefined ? [] : [`--seconds ${module.seconds}`]),
    ...(module.reap ? ['--reap'] : []),
    ...(module.hitcount === undefined ? [] : [`--hitcount ${module.hitcount}`]),
    ...(module.rttl ? ['--rttl'] : []),
    `--name ${module.listName ?? 'DEFAULT'}`,
    `--mask ${renderRecentMask(module.mask, family)}`,
    `--${module.side ?? 'rsource'}`,
  ];
}

/** `-m name options…` of one module as `iptables-save` prints it. */
export function renderSavedModule(module: MatchModule, family: IpFamily): string {
  const options = savedModuleOptions(module, family);
  return [`-m ${module.name}`, ...options].join(' ');
}

function savedModuleOptions(module: MatchModule, family: IpFamily): string[] {
  switch (module.kind) {
    case 'comment':
      return [`--comment ${quoteSaveString(module.comment)}`];
    case 'port':
      return [
        ...negatableOption('--sport', module.sourcePort, String),
        ...negatableOption('--dport', module.destinationPort, String),
        ...genericOptions(module.options, ['--sport', '--source-port', '--dport', '--destination-port']),
      ];
    case 'addrtype':
      return [
        ...negatableOption('--src-type', module.srcType, String),
        ...negatableOption('--dst-type', module.dstType, String),
        ...genericOptions(module.options, ['--src-type', '--dst-type']),
      ];
    case 'conntrack': {
      const name = module.name === 'state' ? '--state' : '--ctstate';
      return [...negatableOption(name, module.ctstate, renderStates), ...genericOptions(module.options, [name])];
    }
    case 'mark':
      return negatableOption('--mark', module.mark, renderMark);
    case 'nfacct':
      // iptables 1.8.9's nfacct save prints two spaces before the name; the kernel dump shows it, so we do too.
      return module.counterName === undefined ? [] : [`--nfacct-name  ${module.counterName}`];
    case 'statistic':
      return renderStatistic(module);
    case 'recent':
      return renderRecent(module, family);
    case 'other':
      return genericOptions(module.options);
  }
}
