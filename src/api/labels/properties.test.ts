import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseSelector } from './parser.ts';
import { formatSelector, selectorMatches } from './selector.ts';

const KEYS = ['app', 'tier', 'example.com/role', 'v'];
const VALUES = ['', 'a', 'b', 'web', '1', '2', '10', 'in', 'notin'];

type Req =
  | { op: '=' | '==' | '!='; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | '!'; key: string }
  | { op: '>' | '<'; key: string; n: number };

const key = fc.constantFrom(...KEYS);
const value = fc.constantFrom(...VALUES);
const space = fc.constantFrom('', ' ', '  ');
const req: fc.Arbitrary<Req> = fc.oneof(
  fc.record({ op: fc.constantFrom('=' as const, '==' as const, '!=' as const), key, value }),
  fc.record({
    op: fc.constantFrom('in' as const, 'notin' as const),
    key,
    values: fc.array(value, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ op: fc.constantFrom('exists' as const, '!' as const), key }),
  fc.record({ op: fc.constantFrom('>' as const, '<' as const), key, n: fc.integer({ min: -5, max: 20 }) }),
);

function render(r: Req, s: string): string {
  switch (r.op) {
    case 'exists':
      return r.key;
    case '!':
      return `!${s}${r.key}`;
    case 'in':
    case 'notin':
      return `${r.key} ${r.op}${s}(${r.values.join(`${s},${s}`)})`;
    case '>':
    case '<':
      return `${r.key}${s}${r.op}${s}${r.n}`;
    default:
      return `${r.key}${s}${r.op}${s}${r.value}`;
  }
}

/** A direct reading of the selector semantics, written independently of the implementation. */
function modelMatches(r: Req, labels: Record<string, string>): boolean {
  const has = r.key in labels;
  const v = labels[r.key];
  switch (r.op) {
    case '=':
    case '==':
      return v === r.value;
    case '!=':
      return v !== r.value;
    case 'in':
      return has && r.values.includes(v ?? '');
    case 'notin':
      return !has || !r.values.includes(v ?? '');
    case 'exists':
      return has;
    case '!':
      return !has;
    case '>':
      return has && /^[+-]?\d+$/.test(v ?? '') && Number(v) > r.n;
    case '<':
      return has && /^[+-]?\d+$/.test(v ?? '') && Number(v) < r.n;
  }
}

const reqs = fc.array(req, { minLength: 0, maxLength: 4 });
const labels = fc.dictionary(key, value, { maxKeys: 4 });

test('format∘parse is a fixed point', () => {
  fc.assert(
    fc.property(reqs, space, (rs, s) => {
      const first = parseSelector(rs.map((r) => render(r, s)).join(`${s},${s}`));
      if (!first.ok) return; // negative numbers are not valid label values, so `a<-1` is rejected
      const text = formatSelector(first.selector);
      const second = parseSelector(text);
      assert.ok(second.ok, text);
      assert.equal(formatSelector(second.selector), text);
      assert.deepEqual(second.selector, first.selector);
    }),
    { numRuns: 300 },
  );
});

test('matching agrees with a simple model', () => {
  fc.assert(
    fc.property(reqs, labels, (rs, ls) => {
      const parsed = parseSelector(rs.map((r) => render(r, '')).join(','));
      fc.pre(parsed.ok);
      assert.equal(
        selectorMatches(parsed.selector, ls),
        rs.every((r) => modelMatches(r, ls)),
      );
    }),
    { numRuns: 300 },
  );
});
