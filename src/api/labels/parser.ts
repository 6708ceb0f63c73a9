/**
 * Parses the label selector string syntax (`a=b`, `a in (x,y)`, `!a`, `a>1`, ...) exactly as
 * apimachinery `labels.Parse` does, including its error messages.
 */
import { fieldErrorString } from '../field-errors.ts';
import { compareGoStrings } from '../go-format.ts';
import { lex, type ScannedItem, type Token } from './lexer.ts';
import { newRequirement, validateLabelKey } from './requirement.ts';
import { sortRequirements } from './selector.ts';
import { BINARY_OPERATORS, Operator, type Requirement, type SelectorResult } from './types.ts';

/** Marks errors raised by the parser itself, so anything else still propagates. */
const PARSE_FAILURE = Symbol('label selector parse failure');

const fail = (message: string): never => {
  throw new Error(message, { cause: PARSE_FAILURE });
};

const isParseFailure = (e: unknown): e is Error => e instanceof Error && e.cause === PARSE_FAILURE;

/** Token stream with upstream's two contexts: in value position `in`/`notin` are identifiers. */
interface TokenStream {
  readonly items: readonly ScannedItem[];
  position: number;
}

function itemAt(ts: TokenStream, index: number, valueContext: boolean): ScannedItem {
  const item = ts.items[index] ?? { token: 'EndOfString', literal: '' };
  if (valueContext && (item.token === 'In' || item.token === 'NotIn'))
    return { token: 'Identifier', literal: item.literal };
  return item;
}

const lookahead = (ts: TokenStream, valueContext = true): ScannedItem => itemAt(ts, ts.position, valueContext);

function consume(ts: TokenStream, valueContext = true): ScannedItem {
  ts.position++;
  return itemAt(ts, ts.position - 1, valueContext);
}

const OPERATOR_TOKENS: Partial<Record<Token, Operator>> = {
  In: Operator.In,
  Equals: Operator.Equals,
  DoubleEquals: Operator.DoubleEquals,
  GreaterThan: Operator.GreaterThan,
  LessThan: Operator.LessThan,
  NotIn: Operator.NotIn,
  NotEquals: Operator.NotEquals,
};

function parseKeyAndInferOperator(ts: TokenStream, path: string): { key: string; operator: Operator | undefined } {
  let operator: Operator | undefined;
  let item = consume(ts);
  if (item.token === 'DoesNotExist') {
    operator = Operator.DoesNotExist;
    item = consume(ts);
  }
  if (item.token !== 'Identifier') fail(`found '${item.literal}', expected: identifier`);
  const keyError = validateLabelKey(item.literal, path);
  if (keyError !== undefined) fail(fieldErrorString(keyError));
  const next = lookahead(ts).token;
  if ((next === 'EndOfString' || next === 'Comma') && operator !== Operator.DoesNotExist) operator = Operator.Exists;
  return { key: item.literal, operator };
}

function parseOperator(ts: TokenStream): Operator {
  const item = consume(ts, false);
  const op = OPERATOR_TOKENS[item.token];
  return op ?? fail(`found '${item.literal}', expected: ${BINARY_OPERATORS.join(', ')}`);
}

function parseIdentifiersList(ts: TokenStream): Set<string> {
  const values = new Set<string>();
  for (;;) {
    const item = consume(ts);
    if (item.token === 'Identifier') {
      values.add(item.literal);
      const next = lookahead(ts);
      if (next.token === 'Comma') continue;
      if (next.token === 'ClosedPar') return values;
      return fail(`found '${next.literal}', expected: ',' or ')'`);
    }
    if (item.token !== 'Comma') return fail(`found '${item.literal}', expected: ',', or identifier`);
    // Empty values are allowed: "(,a)", "(a,)" and "(a,,b)" all contain "".
    if (values.size === 0) values.add('');
    const next = lookahead(ts).token;
    if (next === 'ClosedPar') {
      values.add('');
      return values;
    }
    if (next === 'Comma') values.add('');
  }
}

function parseValues(ts: TokenStream): Set<string> {
  const open = consume(ts);
  if (open.token !== 'OpenPar') fail(`found '${open.literal}' expected: '('`);
  const first = lookahead(ts);
  if (first.token === 'ClosedPar') {
    consume(ts);
    return new Set(['']);
  }
  if (first.token !== 'Identifier' && first.token !== 'Comma') {
    return fail(`found '${first.literal}', expected: ',', ')' or identifier`);
  }
  const values = parseIdentifiersList(ts);
  if (consume(ts).token !== 'ClosedPar') fail(`found '${first.literal}', expected: ')'`);
  return values;
}

function parseExactValue(ts: TokenStream): Set<string> {
  const next = lookahead(ts).token;
  if (next === 'EndOfString' || next === 'Comma') return new Set(['']);
  const item = consume(ts);
  return item.token === 'Identifier' ? new Set([item.literal]) : fail(`found '${item.literal}', expected: identifier`);
}

/** Go's sets.String.List(): the distinct values in byte order. */
const sortedList = (values: Set<string>): string[] => [...values].sort(compareGoStrings);

function parseRequirement(ts: TokenStream, path: string | undefined): Requirement {
  const { key, operator: inferred } = parseKeyAndInferOperator(ts, path ?? '<nil>');
  let values: string[] = [];
  let operator = inferred;
  if (operator === undefined) {
    operator = parseOperator(ts);
    const isSet = operator === Operator.In || operator === Operator.NotIn;
    values = sortedList(isSet ? parseValues(ts) : parseExactValue(ts));
  }
  const result = newRequirement(key, operator, values, path);
  return result.ok ? result.requirement : fail(result.message);
}

function parseRequirements(ts: TokenStream, path: string | undefined): Requirement[] {
  const requirements: Requirement[] = [];
  for (;;) {
    const item = lookahead(ts);
    if (item.token === 'EndOfString') return requirements;
    if (item.token !== 'Identifier' && item.token !== 'DoesNotExist') {
      return fail(`found '${item.literal}', expected: !, identifier, or 'end of string'`);
    }
    try {
      requirements.push(parseRequirement(ts, path));
    } catch (e) {
      if (isParseFailure(e)) fail(`unable to parse requirement: ${e.message}`);
      throw e;
    }
    const after = consume(ts);
    if (after.token === 'EndOfString') return requirements;
    if (after.token !== 'Comma') return fail(`found '${after.literal}', expected: ',' or 'end of string'`);
    const next = lookahead(ts);
    if (next.token !== 'Identifier' && next.token !== 'DoesNotExist') {
      return fail(`found '${next.literal}', expected: identifier after ','`);
    }
  }
}

/**
 * labels.Parse: the selector for a string such as `app=web,tier in (a,b),!canary`. The empty
 * string selects everything. `path` prefixes field paths in errors (none by default, as kubectl).
 */
export function parseSelector(input: string, path?: string): SelectorResult {
  try {
    const requirements = parseRequirements({ items: lex(input), position: 0 }, path);
    return { ok: true, selector: { kind: 'requirements', requirements: sortRequirements(requirements) } };
  } catch (e) {
    if (isParseFailure(e)) return { ok: false, error: e.message };
    throw e;
  }
}
