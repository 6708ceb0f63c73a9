import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSelector } from './parser.ts';
import { formatSelector, selectorMatches } from './selector.ts';

function format(input: string): string {
  const result = parseSelector(input);
  assert.ok(result.ok, `expected ${JSON.stringify(input)} to parse: ${result.ok ? '' : result.error}`);
  return formatSelector(result.selector);
}

function parseError(input: string): string {
  const result = parseSelector(input);
  assert.ok(!result.ok, `expected ${JSON.stringify(input)} to fail`);
  return result.error;
}

test('every operator parses and prints canonically', () => {
  const cases: [string, string][] = [
    ['', ''],
    ['a=b', 'a=b'],
    ['a==b', 'a==b'],
    ['a!=b', 'a!=b'],
    ['a in (y,x)', 'a in (x,y)'],
    ['a notin (x)', 'a notin (x)'],
    ['a', 'a'],
    ['!a', '!a'],
    ['a>1', 'a>1'],
    ['a<1', 'a<1'],
    ['b!=c,a in (y,x)', 'a in (x,y),b!=c'],
    ['  a = b ,  c  ', 'a=b,c'],
    ['x in (foo,,baz),y,z notin ()', 'x in (,baz,foo),y,z notin ()'],
    ['a=', 'a='],
    ['a in (x,x,y)', 'a in (x,y)'],
    ['in in (in,notin)', 'in in (in,notin)'],
    ['example.com/app=web', 'example.com/app=web'],
  ];
  for (const [input, expected] of cases) assert.equal(format(input), expected, input);
});

test('syntax errors use upstream words', () => {
  const cases: [string, string][] = [
    [',', "found ',', expected: !, identifier, or 'end of string'"],
    ['a,', "found '', expected: identifier after ','"],
    ['a=b=c', "found '=', expected: ',' or 'end of string'"],
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ['a in x', "unable to parse requirement: found 'x' expected: '('"],
    ['a in (x', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['a in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['a >= 1', "unable to parse requirement: found '=', expected: identifier"],
    ['a=(', "unable to parse requirement: found '(', expected: identifier"],
    ['a (x)', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ['!!a', "unable to parse requirement: found '!', expected: identifier"],
  ];
  for (const [input, expected] of cases) assert.equal(parseError(input), expected, input);
});

test('invalid keys and values report field errors as upstream does', () => {
  assert.equal(
    parseError('-a'),
    'unable to parse requirement: <nil>: Invalid value: "-a": name part must consist of alphanumeric characters, ' +
      "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or " +
      "'123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
  );
  assert.equal(
    parseError('a>x'),
    "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer",
  );
  assert.equal(
    parseError('a=-b'),
    'unable to parse requirement: values[0][a]: Invalid value: "-b": a valid label must be an empty string or consist ' +
      "of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. " +
      "'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  );
  assert.match(
    parseError('a/b/c'),
    /^unable to parse requirement: <nil>: Invalid value: "a\/b\/c": a qualified name must/,
  );
});

test('parsed selectors match label maps', () => {
  const parsed = parseSelector('app=web,tier in (fe,be),!canary,version>2');
  assert.ok(parsed.ok);
  const match = (labels: Record<string, string>): boolean => selectorMatches(parsed.selector, labels);
  assert.equal(match({ app: 'web', tier: 'fe', version: '3' }), true);
  assert.equal(match({ app: 'web', tier: 'fe', version: '2' }), false);
  assert.equal(match({ app: 'web', tier: 'db', version: '3' }), false);
  assert.equal(match({ app: 'web', tier: 'be', version: '3', canary: '' }), false);
  assert.equal(match({ app: 'web', tier: 'be', version: 'x' }), false);
  const notIn = parseSelector('tier notin (fe),env!=prod');
  assert.ok(notIn.ok);
  assert.equal(selectorMatches(notIn.selector, {}), true, 'notin and != match absent keys');
  assert.equal(selectorMatches(notIn.selector, { env: 'prod' }), false);
});
