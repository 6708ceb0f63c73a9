/** Parsers for flag values, with the words kube-proxy's flag library uses when a value is wrong. */
import { InvalidArgumentError } from 'commander';

const trueWords = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const falseWords = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

/** Parses a boolean like Go's `strconv.ParseBool`, so `--masquerade-all=false` works as it does for kube-proxy. */
export function parseBoolFlag(value: string): boolean {
  if (trueWords.has(value)) return true;
  if (falseWords.has(value)) return false;
  throw new InvalidArgumentError(`strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`);
}

/** Parses a comma-separated list, dropping empty items and surrounding spaces. */
export function parseListFlag(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Parses a non-negative integer no larger than `max`. */
export function integerFlagParser(max: number): (value: string) => number {
  return (value: string) => {
    if (!/^\d+$/.test(value) || Number(value) > max) {
      throw new InvalidArgumentError(`strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
    }
    return Number(value);
  };
}
