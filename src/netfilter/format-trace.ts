/** Printing an explained trace as a readable list for a terminal. */
import type { TraceResult, TraceStep } from './trace.ts';

/** Options of `formatTrace`. */
export interface FormatTraceOptions {
  /** Print each matched rule's text under its step (default true). */
  readonly rules?: boolean;
}

/** A probability as a short percentage: `0.5` → `50%`, `1/3` → `33.33%`. */
export function formatPercent(probability: number): string {
  return `${Number((probability * 100).toFixed(2))}%`;
}

function stepLines(step: TraceStep, index: number, showRule: boolean): string[] {
  const indent = '  '.repeat(step.depth);
  const where = step.ruleNumber === 0 ? 'assumed rule' : `rule ${step.ruleNumber}`;
  const branch = step.branch === undefined ? '' : ` [random branch ${formatPercent(step.branch)}]`;
  const target = step.target === '' ? '' : ` -> ${step.target}`;
  const lines = [`${String(index + 1).padStart(3)}. ${indent}${step.table}/${step.chain} ${where}${branch}${target}`];
  const pad = `     ${indent}`;
  lines.push(`${pad}why: ${step.reason}`);
  if (showRule) lines.push(`${pad}rule: ${step.rule}`);
  return lines;
}

/** The trace as text: verdict, endpoints with probabilities, masquerading, the path, and notes. */
export function formatTrace(result: TraceResult, options: FormatTraceOptions = {}): string {
  const lines = [`verdict: ${result.verdict}`];
  if (result.endpoints.length > 0) {
    lines.push('endpoints:');
    const width = Math.max(...result.endpoints.map((endpoint) => endpoint.destination.length));
    for (const endpoint of result.endpoints) {
      lines.push(`  ${endpoint.destination.padEnd(width)}  ${formatPercent(endpoint.probability)}`);
    }
  }
  lines.push(`masquerade: ${result.masquerade ? 'yes (source NAT to the node address)' : 'no'}`);
  lines.push(result.path.length > 0 ? 'path:' : 'path: no rule matched');
  result.path.forEach((step, index) => lines.push(...stepLines(step, index, options.rules ?? true)));
  if (result.notes.length > 0) {
    lines.push('notes:');
    for (const text of result.notes) lines.push(`  - ${text}`);
  }
  return lines.map((line) => `${line}\n`).join('');
}
