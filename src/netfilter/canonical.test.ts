import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { canonicalizeRestorePayload } from './canonical.ts';
import { parseIptablesText } from './parse-dump.ts';
import { ruleComment, type ParsedRule } from './rule.ts';
import { allExpectedRestores, vectorNamed, vectors, vectorsSkipReason } from './testdata.ts';

const SHUFFLED = `*nat
:KUBE-SVC-B - [0:0]
:KUBE-SERVICES - [0:0]
:OTHER - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-SEP-OLD - [0:0]
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -j KUBE-NODEPORTS
-A KUBE-SERVICES -m comment --comment "ns2/b:p cluster IP" -j KUBE-SVC-B
-A OTHER -j RETURN
-X KUBE-SEP-OLD
-A KUBE-SERVICES -m comment --comment "ns1/a:p cluster IP" -j KUBE-SVC-B
-A KUBE-SVC-B -m comment --comment "z first" -j RETURN
-A KUBE-SVC-B -m comment --comment "a second" -j RETURN
-A KUBE-NODEPORTS -m comment --comment ns2/b:p -j KUBE-SVC-B
-A KUBE-NODEPORTS -m comment --comment ns1/a:p -j KUBE-SVC-B
COMMIT
*filter
:KUBE-SERVICES - [0:0]
COMMIT
`;

const CANONICAL = `*filter
:KUBE-SERVICES - [0:0]
COMMIT
*nat
:KUBE-NODEPORTS - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-SEP-OLD - [0:0]
:KUBE-SVC-B - [0:0]
:OTHER - [0:0]
-A KUBE-NODEPORTS -m comment --comment ns1/a:p -j KUBE-SVC-B
-A KUBE-NODEPORTS -m comment --comment ns2/b:p -j KUBE-SVC-B
-A KUBE-SERVICES -m comment --comment "ns1/a:p cluster IP" -j KUBE-SVC-B
-A KUBE-SERVICES -m comment --comment "ns2/b:p cluster IP" -j KUBE-SVC-B
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -j KUBE-NODEPORTS
-A KUBE-SVC-B -m comment --comment "z first" -j RETURN
-A KUBE-SVC-B -m comment --comment "a second" -j RETURN
-A OTHER -j RETURN
-X KUBE-SEP-OLD
COMMIT
`;

test('tables by name, chains in kube order, dispatch chains by service, last rule last, -X at the end', () => {
  assert.equal(canonicalizeRestorePayload(SHUFFLED), CANONICAL);
});

test(
  'canonical form is idempotent on every expected payload, and the vectors are already canonical',
  { skip: vectorsSkipReason },
  () => {
    for (const { label, text } of vectors ? allExpectedRestores(vectors) : []) {
      const once = canonicalizeRestorePayload(text);
      assert.equal(once, text, label);
      assert.equal(canonicalizeRestorePayload(once), once, label);
    }
  },
);

/** The service a rule belongs to, as the canonical sort sees it (the "last rule" sorts after every service). */
function serviceOf(rule: ParsedRule): string {
  const comment = ruleComment(rule) ?? '';
  return comment.includes('must be the last rule') ? '\uffff' : (comment.split(/[ :]/, 1)[0] ?? '');
}

/** Rewrites a canonical payload in another emission order a renderer might use: services and chains shuffled. */
function reorder(text: string, chainOrder: number[], serviceOrder: number[]): string {
  return parseIptablesText(text)
    .tables.map((table) => {
      const chains = chainOrder.map((i) => table.chains[i % table.chains.length]).filter((c) => c !== undefined);
      const unique = [...new Set(chains), ...table.chains.filter((c) => !chains.includes(c))];
      const rules = table.commands.flatMap((c) => (c.kind === 'append' ? [c.rule] : []));
      const services = [...new Set(rules.map(serviceOf))].sort();
      const rank = (rule: ParsedRule): number =>
        serviceOf(rule) === '\uffff'
          ? Infinity
          : serviceOrder.indexOf(services.indexOf(serviceOf(rule)) % serviceOrder.length);
      const dispatch = new Set(['KUBE-SERVICES', 'KUBE-NODEPORTS']);
      const byChain = unique.flatMap((chain) => {
        const own = rules.filter((r) => r.chain === chain.name);
        return dispatch.has(chain.name) ? own.toSorted((a, b) => rank(a) - rank(b)) : own;
      });
      return [
        `*${table.name}`,
        ...unique.map((c) => `:${c.name} - [0:0]`),
        ...byChain.map((r) => r.raw),
        'COMMIT',
      ].join('\n');
    })
    .reverse()
    .join('\n');
}

test(
  'property: any service emission order canonicalises to the expected TestOverallIPTablesRules payload',
  { skip: vectorsSkipReason },
  () => {
    const expected = vectors ? (vectorNamed(vectors, 'TestOverallIPTablesRules').expectedIptablesRestore ?? '') : '';
    const indices = Array.from({ length: 24 }, (_, i) => i);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(indices, { minLength: 24 }),
        fc.shuffledSubarray(indices, { minLength: 24 }),
        (chains, services) => {
          const shuffled = reorder(expected, chains, services);
          assert.notEqual(shuffled, expected);
          assert.equal(canonicalizeRestorePayload(shuffled), expected);
        },
      ),
      { numRuns: 40 },
    );
  },
);
