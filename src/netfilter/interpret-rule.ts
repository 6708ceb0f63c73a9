/**
 * Turning a module's or target's written options into typed fields (ports, ctstate, marks, probabilities,
 * recent-list settings, MARK arithmetic). Pure; throws `NetfilterError` on values iptables would refuse.
 */
import { NetfilterError } from './errors.ts';
import type {
  MarkValue,
  MarkXor,
  MatchModule,
  Negatable,
  RecentAction,
  RecentModule,
  RuleOption,
  RuleTarget,
} from './rule.ts';
import { MATCH_OPTIONS } from './rule-options.ts';

/** A module as the parser collected it, before typing. */
export interface ModuleDraft {
  readonly name: string;
  readonly options: RuleOption[];
  readonly implicit: boolean;
}

/** A target as the parser collected it, before typing. */
export interface TargetDraft {
  readonly name: string;
  readonly goto: boolean;
  readonly options: RuleOption[];
}

const ALL_ONES = 0xffffffff;

function badValue(option: string, value: string): NetfilterError {
  return new NetfilterError('NETFILTER_BAD_RULE', `invalid value "${value}" for ${option}`);
}

/** Parses a 32-bit number written in decimal or `0x` hex. */
function parseUint32(option: string, text: string): number {
  const value = /^(0x[0-9a-fA-F]+|\d+)$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < 0 || value > ALL_ONES) throw badValue(option, text);
  return value;
}

/** Parses `V` or `V/M` as a mark and mask. */
export function parseMarkValue(option: string, text: string): MarkValue {
  const [value = '', mask] = text.split('/');
  return { value: parseUint32(option, value), mask: mask === undefined ? ALL_ONES : parseUint32(option, mask) };
}

function parseNumber(option: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw badValue(option, text);
  return value;
}

/** The canonical name of a module option (`--destination-port` → `--dport`). */
function canonicalName(module: string, option: string): string {
  return MATCH_OPTIONS[module]?.[option]?.canonical ?? option;
}

/** The last occurrence of an option (canonical name), as iptables keeps the last value given. */
function lastOption(draft: ModuleDraft, name: string): RuleOption | undefined {
  return draft.options.findLast((option) => canonicalName(draft.name, option.name) === name);
}

function negatable<T>(option: RuleOption | undefined, read: (text: string) => T): Negatable<T> | undefined {
  if (!option) return undefined;
  return { negated: option.negated, value: read(option.values[0] ?? '') };
}

const asText = (text: string): string => text;

function interpretRecent(draft: ModuleDraft): RecentModule {
  const actions: RecentAction[] = ['set', 'rcheck', 'update', 'remove'];
  const actionOption = draft.options.findLast((option) => actions.some((action) => option.name === `--${action}`));
  const sideOption = draft.options.findLast((option) => option.name === '--rsource' || option.name === '--rdest');
  const seconds = lastOption(draft, '--seconds');
  const hitcount = lastOption(draft, '--hitcount');
  const listName = lastOption(draft, '--name')?.values[0];
  const mask = lastOption(draft, '--mask')?.values[0];
  return {
    kind: 'recent',
    ...draft,
    ...(actionOption && {
      action: { negated: actionOption.negated, value: actionOption.name.slice(2) as RecentAction },
    }),
    ...(seconds && { seconds: parseNumber('--seconds', seconds.values[0] ?? '') }),
    reap: lastOption(draft, '--reap') !== undefined,
    ...(hitcount && { hitcount: parseNumber('--hitcount', hitcount.values[0] ?? '') }),
    rttl: lastOption(draft, '--rttl') !== undefined,
    ...(listName !== undefined && { listName }),
    ...(mask !== undefined && { mask }),
    ...(sideOption && { side: sideOption.name === '--rdest' ? 'rdest' : 'rsource' }),
  };
}

function interpretStatistic(draft: ModuleDraft): MatchModule {
  const mode = lastOption(draft, '--mode')?.values[0];
  const probability = negatable(lastOption(draft, '--probability'), (text) => parseNumber('--probability', text));
  const every = negatable(lastOption(draft, '--every'), (text) => parseNumber('--every', text));
  const packet = lastOption(draft, '--packet')?.values[0];
  return {
    kind: 'statistic',
    ...draft,
    ...(mode !== undefined && { mode }),
    ...(probability && { probability }),
    ...(every && { every }),
    ...(packet !== undefined && { packet: parseNumber('--packet', packet) }),
  };
}

/** Types one module draft by its name; unknown modules stay `other`. */
export function interpretModule(draft: ModuleDraft): MatchModule {
  switch (draft.name) {
    case 'comment':
      return { kind: 'comment', ...draft, comment: lastOption(draft, '--comment')?.values[0] ?? '' };
    case 'tcp':
    case 'udp':
    case 'sctp': {
      const sourcePort = negatable(lastOption(draft, '--sport'), asText);
      const destinationPort = negatable(lastOption(draft, '--dport'), asText);
      return { kind: 'port', ...draft, ...(sourcePort && { sourcePort }), ...(destinationPort && { destinationPort }) };
    }
    case 'addrtype': {
      const srcType = negatable(lastOption(draft, '--src-type'), asText);
      const dstType = negatable(lastOption(draft, '--dst-type'), asText);
      return { kind: 'addrtype', ...draft, ...(srcType && { srcType }), ...(dstType && { dstType }) };
    }
    case 'conntrack':
    case 'state': {
      const option = lastOption(draft, draft.name === 'state' ? '--state' : '--ctstate');
      const ctstate = negatable(option, (text) => text.split(','));
      return { kind: 'conntrack', ...draft, ...(ctstate && { ctstate }) };
    }
    case 'mark': {
      const mark = negatable(lastOption(draft, '--mark'), (text) => parseMarkValue('--mark', text));
      return { kind: 'mark', ...draft, ...(mark && { mark }) };
    }
    case 'nfacct': {
      const counterName = lastOption(draft, '--nfacct-name')?.values[0];
      return { kind: 'nfacct', ...draft, ...(counterName !== undefined && { counterName }) };
    }
    case 'statistic':
      return interpretStatistic(draft);
    case 'recent':
      return interpretRecent(draft);
    default:
      return { kind: 'other', ...draft };
  }
}

/** MARK target options in the kernel's xor form, as libxt_MARK stores them. */
function markXorOf(options: readonly RuleOption[]): MarkXor | undefined {
  let result: MarkXor | undefined;
  for (const { name, values } of options) {
    const text = values[0] ?? '';
    if (name === '--set-xmark') result = parseMarkValue(name, text);
    if (name === '--set-mark') {
      const { value, mask } = parseMarkValue(name, text);
      result = { value, mask: (value | mask) >>> 0 };
    }
    if (name === '--and-mark') result = { value: 0, mask: ~parseUint32(name, text) >>> 0 };
    if (name === '--or-mark') result = { value: parseUint32(name, text), mask: parseUint32(name, text) };
    if (name === '--xor-mark') result = { value: parseUint32(name, text), mask: 0 };
  }
  return result;
}

/** Types a target draft: DNAT/SNAT addresses, REJECT type, MARK arithmetic, random flags. */
export function interpretTarget(draft: TargetDraft): RuleTarget {
  const value = (name: string): string | undefined => draft.options.findLast((o) => o.name === name)?.values[0];
  const has = (name: string): boolean => draft.options.some((o) => o.name === name);
  const toDestination = value('--to-destination');
  const toSource = value('--to-source');
  const rejectWith = value('--reject-with');
  const markXor = draft.name === 'MARK' ? markXorOf(draft.options) : undefined;
  return {
    ...draft,
    ...(toDestination !== undefined && { toDestination }),
    ...(toSource !== undefined && { toSource }),
    ...(rejectWith !== undefined && { rejectWith }),
    ...(markXor && { markXor }),
    random: has('--random'),
    randomFully: has('--random-fully'),
  };
}
