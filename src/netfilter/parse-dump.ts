/**
 * Parsing whole texts: the `iptables-restore` input kube-proxy writes (`*table`, `:CHAIN - [0:0]`, `-A`, `-X`,
 * `COMMIT`) and real `iptables-save` output (`#` comment lines, `:INPUT ACCEPT [12:345]` policies, rules with
 * `[pkts:bytes]` counters). Errors name the 1-based line.
 */
import { atLine, NetfilterError } from './errors.ts';
import { parseRuleLine } from './parse-rule.ts';
import type { Counters, ParsedRule } from './rule.ts';

/** `:NAME POLICY [pkts:bytes]`; user chains have policy `-`. */
export interface ChainDeclaration {
  readonly name: string;
  readonly policy: string;
  readonly counters: Counters;
  readonly line: number;
}

/** One command inside a table block, in input order. */
export type TableCommand =
  | { readonly kind: 'append'; readonly rule: ParsedRule; readonly line: number }
  | { readonly kind: 'delete'; readonly chain: string; readonly line: number };

/** One `*table … COMMIT` block. */
export interface ParsedTable {
  readonly name: string;
  readonly line: number;
  readonly chains: readonly ChainDeclaration[];
  readonly commands: readonly TableCommand[];
}

/** A parsed restore payload or save dump: its table blocks in input order. */
export interface ParsedDump {
  readonly tables: readonly ParsedTable[];
}

interface OpenTable {
  name: string;
  line: number;
  chains: ChainDeclaration[];
  commands: TableCommand[];
}

const CHAIN_LINE = /^:(\S+)\s+(\S+)\s+\[(\d+):(\d+)\]$/;
const DELETE_LINE = /^(?:-X|--delete-chain)\s+(\S+)$/;

function badLine(message: string, line: number): NetfilterError {
  return new NetfilterError('NETFILTER_BAD_LINE', message, line);
}

function parseChainLine(text: string, line: number): ChainDeclaration {
  const match = CHAIN_LINE.exec(text);
  if (!match) throw badLine(`malformed chain line "${text}" (want ":NAME POLICY [pkts:bytes]")`, line);
  const [, name = '', policy = '', packets = '0', bytes = '0'] = match;
  return { name, policy, counters: { packets: Number(packets), bytes: Number(bytes) }, line };
}

function parseTableLine(table: OpenTable, text: string, line: number): void {
  if (text.startsWith(':')) {
    const declaration = parseChainLine(text, line);
    if (table.chains.some((chain) => chain.name === declaration.name)) {
      throw badLine(`chain "${declaration.name}" declared twice in table "${table.name}"`, line);
    }
    table.chains.push(declaration);
    return;
  }
  const deletion = DELETE_LINE.exec(text);
  if (deletion) {
    table.commands.push({ kind: 'delete', chain: deletion[1] ?? '', line });
    return;
  }
  if (/^(\[\d+:\d+\]\s+)?(-A|--append)\s/.test(text)) {
    try {
      table.commands.push({ kind: 'append', rule: parseRuleLine(text), line });
    } catch (error) {
      throw atLine(error, line);
    }
    return;
  }
  throw badLine(`unsupported line "${text}" (expected ":CHAIN", "-A", "-X" or "COMMIT")`, line);
}

/** Parses a restore payload or an `iptables-save` dump; throws `NetfilterError` naming the bad line. */
export function parseIptablesText(text: string): ParsedDump {
  const tables: ParsedTable[] = [];
  let open: OpenTable | undefined;
  text.split('\n').forEach((rawLine, index) => {
    const line = index + 1;
    const trimmed = rawLine.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (!open) {
      if (!trimmed.startsWith('*') || trimmed.length === 1) {
        throw badLine(`expected a table line like "*nat", found "${trimmed}"`, line);
      }
      open = { name: trimmed.slice(1), line, chains: [], commands: [] };
    } else if (trimmed === 'COMMIT') {
      tables.push(open);
      open = undefined;
    } else {
      parseTableLine(open, trimmed, line);
    }
  });
  if (open) throw badLine(`table "${open.name}" has no COMMIT line`, open.line);
  return { tables };
}
