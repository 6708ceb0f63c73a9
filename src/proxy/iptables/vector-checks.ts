/** Reads restore payloads the way upstream's tests do, to check conformance vectors against them. */
import assert from 'node:assert/strict';
import type { VectorAssertion } from './testdata.ts';

/** The lines of one table's section (`*table` … `COMMIT`), exclusive. */
export function tableLines(payload: string, table: string): string[] {
  const lines = payload.split('\n');
  const start = lines.indexOf(`*${table}`);
  if (start < 0) return [];
  const end = lines.indexOf('COMMIT', start);
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** One chain's rules in payload order, each ending in a newline (upstream's `assertIPTablesChainEqual` input). */
export function chainRules(payload: string, tableAndChain: string): string {
  const [table = '', chain = ''] = tableAndChain.split('/');
  return tableLines(payload, table)
    .filter((line) => line.startsWith(`-A ${chain} `) || line === `-A ${chain}`)
    .map((line) => `${line}\n`)
    .join('');
}

/** Applies a restore's nat section to the set of chains in the kernel: declared chains exist, `-X` removes. */
export function applyNatChains(kernel: Set<string>, payload: string): void {
  const lines = tableLines(payload, 'nat');
  for (const line of lines) if (line.startsWith(':')) kernel.add(line.slice(1).split(' ')[0] ?? '');
  for (const line of lines) if (line.startsWith('-X ')) kernel.delete(line.slice(3));
}

/** Upstream's `countEndpointsAndComments`: SEP DNAT lines, those with comments, and the last one matching. */
function countEndpointsAndComments(payload: string, match: string) {
  let count = 0;
  let withComment = 0;
  let matched = '';
  for (const line of payload.split('\n')) {
    if (!line.startsWith('-A KUBE-SEP-') || !line.includes('-j DNAT')) continue;
    count++;
    if (line.includes('--comment')) withComment++;
    if (match !== '' && line.includes(match)) matched = line;
  }
  return { count, withComment, matched };
}

/** Checks one vector assertion against a payload. */
export function checkAssertion(payload: string, assertion: VectorAssertion): void {
  switch (assertion.type) {
    case 'dnatLineFor':
      assert.equal(countEndpointsAndComments(payload, assertion.match).matched, assertion.expected);
      return;
    case 'dnatCount':
      assert.equal(countEndpointsAndComments(payload, '').count, assertion.expected);
      return;
    case 'dnatWithCommentCount':
      assert.equal(countEndpointsAndComments(payload, '').withComment, assertion.expected);
      return;
    case 'natKubeServicesHasDestination': {
      const rules = chainRules(payload, 'nat/KUBE-SERVICES').split('\n');
      const found = rules.some((rule) =>
        rule.split(' ').some((word, i, words) => word === '-d' && words[i + 1] === assertion.value),
      );
      assert.equal(found, assertion.expected, `nat KUBE-SERVICES has -d ${assertion.value}`);
      return;
    }
  }
}

const builtinTargets = new Set(['ACCEPT', 'DROP', 'REJECT', 'RETURN', 'MARK', 'MASQUERADE', 'DNAT']);

/**
 * What the kernel would check on restore: every jump goes to a built-in target, a chain this payload declares,
 * or (nat) a chain already in the kernel that this payload does not delete; `-X` only for declared chains.
 */
export function checkRestoreTargets(payload: string, kernelNatChains: ReadonlySet<string>): void {
  for (const table of ['filter', 'nat']) {
    const lines = tableLines(payload, table);
    const declared = new Set(lines.filter((line) => line.startsWith(':')).map((line) => line.slice(1).split(' ')[0]));
    const deleted = new Set(lines.filter((line) => line.startsWith('-X ')).map((line) => line.slice(3)));
    const existing = table === 'nat' ? kernelNatChains : new Set<string>();
    for (const chain of deleted) assert.ok(declared.has(chain), `-X ${chain} without a chain line`);
    for (const line of lines.filter((l) => l.startsWith('-A '))) {
      const words = line.split(' ');
      assert.ok(declared.has(words[1]), `rule for undeclared chain: ${line}`);
      const jump = words.indexOf('-j');
      if (jump < 0) continue;
      const target = words[jump + 1] ?? '';
      const known =
        builtinTargets.has(target) || declared.has(target) || (existing.has(target) && !deleted.has(target));
      assert.ok(known, `${table}: jump to unknown chain ${target} in ${line}`);
      assert.ok(!deleted.has(target), `${table}: jump to deleted chain ${target}`);
    }
  }
}

/** A kernel's tables as `iptables-restore --noflush` leaves them: table → chain → rules. */
export type KernelTables = Map<string, Map<string, string[]>>;

/** Applies a restore payload with --noflush semantics: declared chains are flushed, rules appended, `-X` deletes. */
export function applyRestore(kernel: KernelTables, payload: string): void {
  for (const table of ['filter', 'nat']) {
    let chains = kernel.get(table);
    if (chains === undefined) kernel.set(table, (chains = new Map<string, string[]>()));
    const lines = tableLines(payload, table);
    for (const line of lines) if (line.startsWith(':')) chains.set(line.slice(1).split(' ')[0] ?? '', []);
    for (const line of lines) {
      if (line.startsWith('-A ')) chains.get(line.split(' ')[1] ?? '')?.push(line);
      else if (line.startsWith('-X ')) chains.delete(line.slice(3));
    }
  }
}

/** The kernel's tables as sorted text, for comparing two kernels. */
export function dumpKernel(kernel: KernelTables): string {
  const out: string[] = [];
  for (const [table, chains] of [...kernel].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const chain of [...chains.keys()].sort()) out.push(`${table} ${chain}`, ...(chains.get(chain) ?? []));
  }
  return out.join('\n');
}
