/**
 * Splitting one iptables rule line into words the way `iptables-restore` does, and quoting words back.
 *
 * Inside double quotes a backslash escapes the next character; a closing quote always ends the word;
 * outside quotes a backslash is an ordinary character. `!` is a word of its own.
 */
import { NetfilterError } from './errors.ts';

/** One word of a rule line; `quoted` says it was written in quotes (so it is a value, never an option). */
export interface Word {
  readonly text: string;
  readonly quoted: boolean;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/** Splits a rule line into words, honouring double quotes; throws on an unterminated quote. */
export function tokenizeRuleLine(line: string): Word[] {
  const words: Word[] = [];
  let buffer = '';
  let inWord = false;
  let quoted = false;
  let quoteOpen = false;
  let escaped = false;
  const finishWord = (): void => {
    words.push({ text: buffer, quoted });
    buffer = '';
    inWord = false;
    quoted = false;
  };
  for (const char of line) {
    if (quoteOpen) {
      if (escaped) {
        buffer += char;
        escaped = false;
      } else if (char === '\\') {
        escaped = true;
      } else if (char === '"') {
        quoteOpen = false;
        finishWord();
      } else {
        buffer += char;
      }
    } else if (char === '"') {
      quoteOpen = true;
      inWord = true;
      quoted = true;
    } else if (WHITESPACE.has(char)) {
      if (inWord) finishWord();
    } else {
      buffer += char;
      inWord = true;
    }
  }
  if (quoteOpen) throw new NetfilterError('NETFILTER_BAD_QUOTE', 'unterminated double quote');
  if (inWord) finishWord();
  return words;
}

/** The words' texts only, for callers that do not care about quoting. */
export function splitRuleWords(line: string): string[] {
  return tokenizeRuleLine(line).map((word) => word.text);
}

/** Characters `iptables-save` prints without quotes (libxtables' `xtables_save_string`). */
const SAVE_SAFE = /^[A-Za-z0-9_-]+$/;

/** A string value as `iptables-save` prints it: bare when only `[A-Za-z0-9_-]`, else quoted with `"\'` escaped. */
export function quoteSaveString(value: string): string {
  if (SAVE_SAFE.test(value)) return value;
  return `"${value.replace(/["\\']/g, '\\$&')}"`;
}

/** A word as it must be written in restore input to read back as the same word. */
export function quoteWord(word: string): string {
  if (word !== '' && !/[\s"]/.test(word)) return word;
  return `"${word.replace(/["\\]/g, '\\$&')}"`;
}

/** Words joined into one line, each quoted only where needed. */
export function joinWords(words: readonly string[]): string {
  return words.map(quoteWord).join(' ');
}
