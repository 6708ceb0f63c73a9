import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** One object read from a manifest, with where it came from (for error messages). */
export interface ManifestObject {
  readonly source: string;
  readonly object: Record<string, unknown>;
}

/** A manifest that cannot be read: the message is what the user sees after `error: `. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

const manifestExtensions = ['.yaml', '.yml', '.json'];

/** Expands `-f` arguments the way kubectl does: `-` is stdin, a directory means its manifest files (sorted). */
function expandSources(paths: readonly string[]): string[] {
  const sources: string[] = [];
  for (const path of paths) {
    if (path === '-') {
      sources.push(path);
      continue;
    }
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new ManifestError(`the path "${path}" does not exist`);
    }
    if (!isDirectory) {
      sources.push(path);
      continue;
    }
    const files = readdirSync(path)
      .filter((name) => manifestExtensions.some((ext) => name.endsWith(ext)))
      .sort();
    sources.push(...files.map((name) => join(path, name)));
  }
  return sources;
}

function readSource(source: string, stdin: () => string): string {
  return source === '-' ? stdin() : readFileSync(source, 'utf8');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Splits `kind: List` (and `*List`) objects into their items, as kubectl does. */
function flattenLists(object: Record<string, unknown>, source: string): Record<string, unknown>[] {
  const kind = object['kind'];
  if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(object['items'])) {
    return object['items'].flatMap((item: unknown) => (isRecord(item) ? flattenLists(item, source) : []));
  }
  if (typeof kind !== 'string' || kind === '') {
    throw new ManifestError(`unable to decode "${source}": Object 'Kind' is missing in '${JSON.stringify(object)}'`);
  }
  return [object];
}

/** Parses one text holding any number of YAML or JSON documents; empty documents are skipped. */
export function parseManifestText(text: string, source: string): ManifestObject[] {
  const objects: ManifestObject[] = [];
  for (const document of parseAllDocuments(text)) {
    const problem = document.errors[0];
    if (problem !== undefined) {
      const line = problem.linePos?.[0].line;
      const where = line === undefined ? '' : `line ${line}: `;
      const summary = (problem.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      throw new ManifestError(`error parsing ${source}: yaml: ${where}${summary}`);
    }
    const value: unknown = document.toJS();
    if (value === null || value === undefined) continue;
    if (!isRecord(value)) throw new ManifestError(`error parsing ${source}: not a Kubernetes object: ${text.trim()}`);
    for (const object of flattenLists(value, source)) objects.push({ source, object });
  }
  return objects;
}

/** Reads every object from the `-f` arguments, in order. */
export function readManifests(paths: readonly string[], stdin: () => string = readStdin): ManifestObject[] {
  if (paths.length === 0) throw new ManifestError('must specify one of -f and -k');
  return expandSources(paths).flatMap((source) => parseManifestText(readSource(source, stdin), source));
}

function readStdin(): string {
  return readFileSync(0, 'utf8');
}
