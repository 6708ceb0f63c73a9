/** Tokenizer for the label selector string syntax (apimachinery `labels.Lexer`). */

/** Token kinds, named as upstream names them. */
export type Token =
  | 'Error'
  | 'EndOfString'
  | 'ClosedPar'
  | 'Comma'
  | 'DoesNotExist'
  | 'DoubleEquals'
  | 'Equals'
  | 'GreaterThan'
  | 'Identifier'
  | 'In'
  | 'LessThan'
  | 'NotEquals'
  | 'NotIn'
  | 'OpenPar';

/** One scanned token and the text it came from. */
export interface ScannedItem {
  readonly token: Token;
  readonly literal: string;
}

const KEYWORDS: ReadonlyMap<string, Token> = new Map<string, Token>([
  [')', 'ClosedPar'],
  [',', 'Comma'],
  ['!', 'DoesNotExist'],
  ['==', 'DoubleEquals'],
  ['=', 'Equals'],
  ['>', 'GreaterThan'],
  ['in', 'In'],
  ['<', 'LessThan'],
  ['!=', 'NotEquals'],
  ['notin', 'NotIn'],
  ['(', 'OpenPar'],
]);

const isWhitespace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecialSymbol = (ch: string): boolean => '=!(),><'.includes(ch) && ch !== '';

/** A cursor over the input; '' marks the end (a NUL byte ends the input too, as in Go). */
interface Cursor {
  readonly s: string;
  pos: number;
}

function read(c: Cursor): string {
  const ch = c.s[c.pos] ?? '';
  if (ch === '' || ch === '\0') return '';
  c.pos++;
  return ch;
}

function scanIdentifierOrKeyword(c: Cursor): ScannedItem {
  let text = '';
  for (;;) {
    const ch = read(c);
    if (ch === '') break;
    if (isSpecialSymbol(ch) || isWhitespace(ch)) {
      c.pos--;
      break;
    }
    text += ch;
  }
  return { token: KEYWORDS.get(text) ?? 'Identifier', literal: text };
}

/** Reads the longest operator made of special symbols (`!=`, `==`, `(`, ...). */
function scanSpecialSymbol(c: Cursor): ScannedItem {
  let buffer = '';
  let last: ScannedItem | undefined;
  for (;;) {
    const ch = read(c);
    if (ch === '') break;
    if (!isSpecialSymbol(ch)) {
      c.pos--;
      break;
    }
    buffer += ch;
    const token = KEYWORDS.get(buffer);
    if (token !== undefined) {
      last = { token, literal: buffer };
    } else if (last !== undefined) {
      c.pos--;
      break;
    }
  }
  return last ?? { token: 'Error', literal: `error expected: keyword found '${buffer}'` };
}

function nextItem(c: Cursor): ScannedItem {
  let ch = read(c);
  while (isWhitespace(ch)) ch = read(c);
  if (ch === '') return { token: 'EndOfString', literal: '' };
  c.pos--;
  return isSpecialSymbol(ch) ? scanSpecialSymbol(c) : scanIdentifierOrKeyword(c);
}

/** Splits a selector string into tokens, ending with EndOfString. */
export function lex(input: string): ScannedItem[] {
  const cursor: Cursor = { s: input, pos: 0 };
  const items: ScannedItem[] = [];
  for (;;) {
    const item = nextItem(cursor);
    items.push(item);
    if (item.token === 'EndOfString') return items;
  }
}
