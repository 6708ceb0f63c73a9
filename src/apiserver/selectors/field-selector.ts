/** Field selectors as apimachinery's `fields.ParseSelector` reads them: `a=b,c!=d,e==f`, with `\` escapes. */

/** One term: the field, whether it must equal or differ, and the unescaped value. */
export interface FieldRequirement {
  readonly field: string;
  readonly operator: '=' | '!=';
  readonly value: string;
}

/** The parsed terms, or upstream's error text. */
export type FieldSelectorResult =
  | { readonly ok: true; readonly requirements: readonly FieldRequirement[] }
  | { readonly ok: false; readonly error: string };

// Operators are tried in this order at each position, so `a!=b` is not read as `a!` `=` `b`.
const operators = ['!=', '==', '='] as const;

function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let current = '';
  let escaped = false;
  for (const char of selector) {
    if (escaped) {
      current += char;
      escaped = false;
    } else if (char === '\\') {
      current += char;
      escaped = true;
    } else if (char === ',') {
      terms.push(current);
      current = '';
    } else current += char;
  }
  terms.push(current);
  return terms;
}

function splitTerm(term: string): { field: string; op: (typeof operators)[number]; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of operators) {
      if (term.startsWith(op, i)) return { field: term.slice(0, i), op, rhs: term.slice(i + op.length) };
    }
  }
  return undefined;
}

function unescapeValue(value: string): { ok: true; value: string } | { ok: false; error: string } {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i] ?? '';
    if (char === '\\') {
      const next = value[i + 1];
      if (next !== '\\' && next !== ',' && next !== '=') {
        return { ok: false, error: `invalid field selector: invalid escape sequence: \\${next ?? ''}` };
      }
      out += next;
      i++;
    } else if (char === ',' || char === '=') {
      return { ok: false, error: `invalid field selector: unescaped character: ${char}` };
    } else out += char;
  }
  return { ok: true, value: out };
}

/** Parses a field selector; the empty string selects everything. */
export function parseFieldSelector(selector: string): FieldSelectorResult {
  const requirements: FieldRequirement[] = [];
  for (const part of splitTerms(selector).sort()) {
    if (part === '') continue;
    const term = splitTerm(part);
    if (term === undefined) return { ok: false, error: `invalid selector: '${selector}'; can't understand '${part}'` };
    const value = unescapeValue(term.rhs);
    if (!value.ok) return value;
    requirements.push({ field: term.field, operator: term.op === '!=' ? '!=' : '=', value: value.value });
  }
  return { ok: true, requirements };
}
