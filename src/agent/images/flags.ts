/** A small parser for the Go-style `--flag=value` / `--flag value` arguments the agnhost verbs take. */

/** An argument the built-in image does not understand; the message names it. */
export class ImageArgsError extends Error {
  override readonly name = 'ImageArgsError';
}

/** What a flag holds: an integer (ports) or a boolean (`--close`, `--close=false`). */
export type FlagKind = 'int' | 'bool';

/**
 * Parses `args` against `known` (flag name → kind) and returns the raw values by name. Unknown flags and
 * positional arguments throw `ImageArgsError`, as cobra would reject them, rather than being ignored.
 */
export function parseFlags(
  verb: string,
  args: readonly string[],
  known: Readonly<Record<string, FlagKind>>,
): Map<string, number | boolean> {
  const values = new Map<string, number | boolean>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const match = /^--?([\w-]+)(?:=(.*))?$/s.exec(arg);
    if (match === null) throw new ImageArgsError(`${verb}: unexpected argument "${arg}"`);
    const name = match[1] ?? '';
    const kind = known[name];
    if (kind === undefined) throw new ImageArgsError(`${verb}: unknown flag --${name}`);
    let raw = match[2];
    // Booleans take a value only with `=`, like Go's flag package; integers may take the next argument.
    if (raw === undefined && kind === 'int') raw = args[++i];
    values.set(name, parseValue(verb, name, kind, raw));
  }
  return values;
}

function parseValue(verb: string, name: string, kind: FlagKind, raw: string | undefined): number | boolean {
  if (kind === 'bool') {
    if (raw === undefined || raw === 'true') return true;
    if (raw === 'false') return false;
    throw new ImageArgsError(`${verb}: --${name} must be true or false, got "${raw}"`);
  }
  if (raw === undefined || !/^-?\d+$/.test(raw)) {
    throw new ImageArgsError(`${verb}: --${name} needs an integer, got "${raw ?? ''}"`);
  }
  return Number(raw);
}

/** A port flag's value: 0-65535, or -1 where the verb allows "off". */
export function portFlag(verb: string, name: string, value: number | boolean | undefined, fallback: number): number {
  const port = typeof value === 'number' ? value : fallback;
  if (port < -1 || port > 65535) throw new ImageArgsError(`${verb}: --${name} must be a port, got ${port}`);
  return port;
}
