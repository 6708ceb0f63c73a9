/** Writing parsed rules and dumps back as `iptables-restore` input. */
import type { ParsedDump } from './parse-dump.ts';
import type { ParsedRule } from './rule.ts';
import { joinWords } from './tokenize.ts';

/** One rule in restore form, from its original words (quoted only where a word needs it). */
export function formatRestoreRule(rule: ParsedRule): string {
  return joinWords(['-A', rule.chain, ...rule.args]);
}

/** A whole dump as restore input: chain lines, then commands in input order, per table; rules as written. */
export function formatDump(dump: ParsedDump): string {
  const lines: string[] = [];
  for (const table of dump.tables) {
    lines.push(`*${table.name}`);
    for (const chain of table.chains) {
      lines.push(`:${chain.name} ${chain.policy} [${chain.counters.packets}:${chain.counters.bytes}]`);
    }
    for (const command of table.commands) {
      lines.push(command.kind === 'append' ? command.rule.raw : `-X ${command.chain}`);
    }
    lines.push('COMMIT');
  }
  return lines.map((line) => `${line}\n`).join('');
}
