/**
 * The structured form of one iptables rule. Every rule keeps its original words (`args`) and line (`raw`);
 * the typed fields are derived from them so matching and `iptables-save` rendering need no re-parsing.
 */

/** A value that a rule may require to match or, after `!`, to not match. */
export interface Negatable<T = string> {
  readonly negated: boolean;
  readonly value: T;
}

/** One `--option [values…]` as written, owned by a match module or the target. */
export interface RuleOption {
  readonly name: string;
  readonly negated: boolean;
  readonly values: readonly string[];
}

/** Packet and byte counters (`[pkts:bytes]` in `iptables-save -c` output). */
export interface Counters {
  readonly packets: number;
  readonly bytes: number;
}

/** What every `-m module` keeps: its name, its options in written order, and whether iptables loaded it itself. */
interface ModuleBase {
  readonly name: string;
  readonly options: readonly RuleOption[];
  /** True for a `tcp`/`udp`/`sctp` match that `-p` plus `--dport` loaded without `-m`. */
  readonly implicit: boolean;
}

/** `-m comment --comment TEXT`. */
export interface CommentModule extends ModuleBase {
  readonly kind: 'comment';
  readonly comment: string;
}

/** `-m tcp|udp|sctp [--sport P] [--dport P]` (ports or `lo:hi` ranges, as written). */
export interface PortModule extends ModuleBase {
  readonly kind: 'port';
  readonly sourcePort?: Negatable;
  readonly destinationPort?: Negatable;
}

/** `-m addrtype [--src-type T] [--dst-type T]`. */
export interface AddrtypeModule extends ModuleBase {
  readonly kind: 'addrtype';
  readonly srcType?: Negatable;
  readonly dstType?: Negatable;
}

/** `-m conntrack --ctstate S[,S…]` (and `-m state --state`). */
export interface ConntrackModule extends ModuleBase {
  readonly kind: 'conntrack';
  readonly ctstate?: Negatable<readonly string[]>;
}

/** A mark with its mask (`0x4000/0x4000`); an omitted mask is all ones. */
export interface MarkValue {
  readonly value: number;
  readonly mask: number;
}

/** `-m mark --mark V[/M]`. */
export interface MarkModule extends ModuleBase {
  readonly kind: 'mark';
  readonly mark?: Negatable<MarkValue>;
}

/** `-m nfacct --nfacct-name N`. */
export interface NfacctModule extends ModuleBase {
  readonly kind: 'nfacct';
  readonly counterName?: string;
}

/** `-m statistic --mode random --probability P` or `--mode nth --every N [--packet P]`. */
export interface StatisticModule extends ModuleBase {
  readonly kind: 'statistic';
  readonly mode?: string;
  readonly probability?: Negatable<number>;
  readonly every?: Negatable<number>;
  readonly packet?: number;
}

/** The one action a `-m recent` rule takes. */
export type RecentAction = 'set' | 'rcheck' | 'update' | 'remove';

/** `-m recent --set|--rcheck|--update|--remove [--seconds N] [--reap] [--name N] [--mask M] [--rsource|--rdest]`. */
export interface RecentModule extends ModuleBase {
  readonly kind: 'recent';
  readonly action?: Negatable<RecentAction>;
  readonly seconds?: number;
  readonly reap: boolean;
  readonly hitcount?: number;
  readonly rttl: boolean;
  readonly listName?: string;
  readonly mask?: string;
  readonly side?: 'rsource' | 'rdest';
}

/** Any other module, kept as written. */
export interface OtherModule extends ModuleBase {
  readonly kind: 'other';
}

/** One `-m` module of a rule, typed where the module is known. */
export type MatchModule =
  | CommentModule
  | PortModule
  | AddrtypeModule
  | ConntrackModule
  | MarkModule
  | NfacctModule
  | StatisticModule
  | RecentModule
  | OtherModule;

/** `MARK` target arithmetic in kernel form: `mark = (mark & ~mask) ^ value` (what `--set-xmark` prints). */
export interface MarkXor {
  readonly value: number;
  readonly mask: number;
}

/** `-j TARGET [options]` (or `-g CHAIN`), with the options this package interprets pulled out. */
export interface RuleTarget {
  readonly name: string;
  readonly goto: boolean;
  readonly options: readonly RuleOption[];
  readonly toDestination?: string;
  readonly toSource?: string;
  readonly rejectWith?: string;
  readonly markXor?: MarkXor;
  readonly random: boolean;
  readonly randomFully: boolean;
}

/** One parsed rule: IP header matches, modules in order, target, and what it was parsed from. */
export interface ParsedRule {
  readonly chain: string;
  /** The words after `-A CHAIN`, unquoted, in written order. */
  readonly args: readonly string[];
  /** The line as written (without a counters prefix). */
  readonly raw: string;
  readonly counters?: Counters;
  readonly source?: Negatable;
  readonly destination?: Negatable;
  readonly inInterface?: Negatable;
  readonly outInterface?: Negatable;
  readonly protocol?: Negatable;
  readonly fragment?: Negatable<true>;
  readonly matches: readonly MatchModule[];
  readonly target?: RuleTarget;
}

/** The first `-m comment` text of a rule, if any. */
export function ruleComment(rule: ParsedRule): string | undefined {
  for (const module of rule.matches) if (module.kind === 'comment') return module.comment;
  return undefined;
}

/** The first module of one kind, typed. */
export function findModule<K extends MatchModule['kind']>(
  rule: ParsedRule,
  kind: K,
): Extract<MatchModule, { kind: K }> | undefined {
  return rule.matches.find((module): module is Extract<MatchModule, { kind: K }> => module.kind === kind);
}
