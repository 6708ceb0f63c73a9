/**
 * Parsing one rule (`-A CHAIN args…`, optionally prefixed by `[pkts:bytes]`) into a `ParsedRule`. Options are
 * given to their owner as iptables does: the target first, then the earliest module that knows the option;
 * `--sport`/`--dport` after `-p tcp|udp|sctp` load the protocol's match implicitly.
 */
import { NetfilterError } from './errors.ts';
import { parseNetwork } from './ip.ts';
import { interpretModule, interpretTarget, type ModuleDraft, type TargetDraft } from './interpret-rule.ts';
import type { Counters, Negatable, ParsedRule, RuleOption } from './rule.ts';
import { MATCH_OPTIONS, PORT_PROTOCOLS, TARGET_OPTIONS } from './rule-options.ts';
import { tokenizeRuleLine, type Word } from './tokenize.ts';

type HeaderField = 'source' | 'destination' | 'inInterface' | 'outInterface' | 'protocol';

const HEADER_OPTIONS: Readonly<Record<string, HeaderField>> = {
  '-s': 'source',
  '--source': 'source',
  '--src': 'source',
  '-d': 'destination',
  '--destination': 'destination',
  '--dst': 'destination',
  '-i': 'inInterface',
  '--in-interface': 'inInterface',
  '-o': 'outInterface',
  '--out-interface': 'outInterface',
  '-p': 'protocol',
  '--protocol': 'protocol',
};

interface Draft {
  header: Partial<Record<HeaderField, Negatable>>;
  fragment?: Negatable<true>;
  counters?: Counters;
  matches: ModuleDraft[];
  target?: TargetDraft;
}

function badRule(message: string): NetfilterError {
  return new NetfilterError('NETFILTER_BAD_RULE', message);
}

function isOptionWord(word: Word | undefined): boolean {
  return word !== undefined && !word.quoted && /^--?[A-Za-z]/.test(word.text);
}

function takeValues(words: readonly Word[], at: number, count: number, option: string): string[] {
  const values = words.slice(at, at + count).map((word) => word.text);
  if (values.length < count) throw badRule(`option "${option}" requires ${count} argument(s)`);
  return values;
}

/** Values of an option whose arity is unknown: every following word up to the next option or `!`. */
function takeLooseValues(words: readonly Word[], at: number): string[] {
  const values: string[] = [];
  for (let i = at; i < words.length; i++) {
    const word = words[i];
    if (!word || isOptionWord(word) || word.text === '!') break;
    values.push(word.text);
  }
  return values;
}

/** `-p tcp --dport 80` without `-m tcp`: iptables loads the protocol's match itself, at this point. */
function implicitPortMatch(draft: Draft, option: string): { owner: ModuleDraft; arity: number } | undefined {
  const protocol = draft.header.protocol?.value.toLowerCase();
  const spec = MATCH_OPTIONS['tcp']?.[option];
  const isPortOption = spec !== undefined && ['--sport', '--dport'].includes(spec.canonical ?? option);
  if (!protocol || !PORT_PROTOCOLS.has(protocol) || !isPortOption) return undefined;
  const module: ModuleDraft = { name: protocol, options: [], implicit: true };
  draft.matches.push(module);
  return { owner: module, arity: spec.arity };
}

/** Who owns `--option`, and how many values it takes (undefined: unknown, take loosely). */
function findOwner(draft: Draft, option: string): { owner: ModuleDraft | TargetDraft; arity?: number } | undefined {
  const targetSpec = draft.target && TARGET_OPTIONS[draft.target.name];
  const targetOption = targetSpec?.[option];
  if (draft.target && targetOption) return { owner: draft.target, arity: targetOption.arity };
  const open = draft.matches.filter((m, i) => !draft.matches.slice(i + 1).some((later) => later.name === m.name));
  for (const module of open) {
    const spec = MATCH_OPTIONS[module.name]?.[option];
    if (spec) return { owner: module, arity: spec.arity };
  }
  const implicit = implicitPortMatch(draft, option);
  if (implicit) return implicit;
  if (draft.target && !targetSpec) return { owner: draft.target };
  const unknownModule = open.findLast((module) => MATCH_OPTIONS[module.name] === undefined);
  return unknownModule && { owner: unknownModule };
}

/** Handles one word that starts an option; returns how many words it used. */
function parseOption(draft: Draft, words: readonly Word[], at: number, negated: boolean): number {
  const name = words[at]?.text ?? '';
  const header = HEADER_OPTIONS[name];
  if (header) {
    if (draft.header[header]) throw badRule(`multiple "${name}" options are not allowed`);
    const [value = ''] = takeValues(words, at + 1, 1, name);
    if (header === 'source' || header === 'destination') parseNetwork(value);
    draft.header[header] = { negated, value };
    return 2;
  }
  if (name === '-f' || name === '--fragment') {
    draft.fragment = { negated, value: true };
    return 1;
  }
  if (negated && ['-m', '--match', '-j', '--jump', '-g', '--goto', '-c', '--set-counters'].includes(name)) {
    throw badRule(`"${name}" cannot be negated`);
  }
  if (name === '-m' || name === '--match') {
    const [module = ''] = takeValues(words, at + 1, 1, name);
    draft.matches.push({ name: module, options: [], implicit: false });
    return 2;
  }
  if (name === '-j' || name === '--jump' || name === '-g' || name === '--goto') {
    if (draft.target) throw badRule('multiple targets are not allowed');
    const [target = ''] = takeValues(words, at + 1, 1, name);
    draft.target = { name: target, goto: name === '-g' || name === '--goto', options: [] };
    return 2;
  }
  if (name === '-c' || name === '--set-counters') {
    const [packets = '', bytes = ''] = takeValues(words, at + 1, 2, name);
    draft.counters = { packets: Number(packets), bytes: Number(bytes) };
    return 3;
  }
  return parseOwnedOption(draft, words, at, negated);
}

function parseOwnedOption(draft: Draft, words: readonly Word[], at: number, negated: boolean): number {
  const name = words[at]?.text ?? '';
  const found = findOwner(draft, name);
  if (!found) throw badRule(`unknown option "${name}"`);
  const values =
    found.arity === undefined ? takeLooseValues(words, at + 1) : takeValues(words, at + 1, found.arity, name);
  const option: RuleOption = { name, negated, values };
  found.owner.options.push(option);
  return 1 + values.length;
}

/** Parses the words after `-A CHAIN` into a rule; `raw` is kept as the rule's original text. */
export function parseRuleWords(chain: string, words: readonly Word[], raw: string, counters?: Counters): ParsedRule {
  const draft: Draft = { header: {}, matches: [], ...(counters && { counters }) };
  let negated = false;
  for (let at = 0; at < words.length;) {
    const word = words[at];
    if (word?.text === '!') {
      if (negated) throw badRule('double negation is not allowed');
      negated = true;
      at++;
      continue;
    }
    if (!isOptionWord(word)) throw badRule(`unexpected argument "${word?.text ?? ''}"`);
    at += parseOption(draft, words, at, negated);
    negated = false;
  }
  if (negated) throw badRule('"!" at the end of the rule');
  return {
    chain,
    args: words.map((word) => word.text),
    raw,
    ...(draft.counters && { counters: draft.counters }),
    ...draft.header,
    ...(draft.fragment && { fragment: draft.fragment }),
    matches: draft.matches.map(interpretModule),
    ...(draft.target && { target: interpretTarget(draft.target) }),
  };
}

const COUNTERS_PREFIX = /^\[(\d+):(\d+)\]\s+/;

/** Parses `[pkts:bytes] -A CHAIN args…` (the counters prefix is optional). */
export function parseRuleLine(line: string): ParsedRule {
  const trimmed = line.trim();
  const prefix = COUNTERS_PREFIX.exec(trimmed);
  const text = prefix ? trimmed.slice(prefix[0].length) : trimmed;
  const counters = prefix ? { packets: Number(prefix[1]), bytes: Number(prefix[2]) } : undefined;
  const words = tokenizeRuleLine(text);
  const [command, chain] = words;
  if (command?.text !== '-A' && command?.text !== '--append') throw badRule('a rule must start with "-A CHAIN"');
  if (!chain || chain.text === '') throw badRule('a rule needs a chain name after "-A"');
  return parseRuleWords(chain.text, words.slice(2), text, counters);
}
