import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { NetfilterError } from './errors.ts';
import { joinWords, quoteSaveString, quoteWord, splitRuleWords, tokenizeRuleLine } from './tokenize.ts';

test('double-quoted words stay one word, quotes removed', () => {
  assert.deepEqual(splitRuleWords('-A X -m comment --comment "ns1/svc1:p80 cluster IP" -j Y'), [
    '-A',
    'X',
    '-m',
    'comment',
    '--comment',
    'ns1/svc1:p80 cluster IP',
    '-j',
    'Y',
  ]);
});

test('! is its own word; quoting is remembered', () => {
  const words = tokenizeRuleLine('! -s 10.0.0.0/8 --comment "!"');
  assert.deepEqual(
    words.map((w) => [w.text, w.quoted]),
    [
      ['!', false],
      ['-s', false],
      ['10.0.0.0/8', false],
      ['--comment', false],
      ['!', true],
    ],
  );
});

test('inside quotes a backslash escapes; outside it is literal; a closing quote ends the word', () => {
  assert.deepEqual(splitRuleWords('a\\b "x\\"y\\\\z" "p"q'), ['a\\b', 'x"y\\z', 'p', 'q']);
  assert.deepEqual(splitRuleWords('pre"fix tail"'), ['prefix tail']);
  assert.deepEqual(splitRuleWords('""  \t x'), ['', 'x']);
});

test('an unterminated quote is an error', () => {
  assert.throws(
    () => tokenizeRuleLine('--comment "open'),
    (e: unknown) => e instanceof NetfilterError && e.code === 'NETFILTER_BAD_QUOTE',
  );
});

test('quoteWord quotes only what needs it', () => {
  assert.equal(quoteWord('ns2/svc2:p80'), 'ns2/svc2:p80');
  assert.equal(quoteWord('a b'), '"a b"');
  assert.equal(quoteWord(''), '""');
  assert.equal(quoteWord('!'), '!');
  assert.equal(quoteWord('say "hi"'), '"say \\"hi\\""');
});

test('quoteSaveString: bare for [A-Za-z0-9_-], else quoted with " \\ \' escaped', () => {
  assert.equal(quoteSaveString('KUBE-SVC_1'), 'KUBE-SVC_1');
  assert.equal(quoteSaveString('ns1/svc1:p80'), '"ns1/svc1:p80"');
  assert.equal(quoteSaveString(`it's "x"`), `"it\\'s \\"x\\""`);
});

test('property: any words survive joinWords then tokenize', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: 'binary-ascii' }), { maxLength: 8 }), (words) => {
      assert.deepEqual(splitRuleWords(joinWords(words)), words);
    }),
    { numRuns: 300 },
  );
});

test('property: any string survives quoteSaveString then tokenize', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary-ascii' }), (value) => {
      assert.deepEqual(splitRuleWords(quoteSaveString(value)), [value]);
    }),
    { numRuns: 300 },
  );
});
