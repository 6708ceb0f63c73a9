/**
 * Owner-only files for what holds secrets: data folders 0700; keys, tokens, kubeconfigs and the database 0600.
 * Modes are set on every start, not only on creation (`mkdirSync`'s and `writeFileSync`'s `mode` apply only to
 * what they create), so a folder or file left readable by an older version or by hand is fixed.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Only the owner may list or enter. */
export const PRIVATE_DIR_MODE = 0o700;
/** Only the owner may read or write. */
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and its parents) if needed and makes it owner-only. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Makes each of `names` in `dir` that exists owner-only. */
export function makePrivateFiles(dir: string, names: readonly string[]): void {
  for (const name of names) {
    const path = join(dir, name);
    if (existsSync(path)) chmodSync(path, PRIVATE_FILE_MODE);
  }
}

/** Writes `text` to `path`, owner-only whether or not the file existed. */
export function writePrivateFile(path: string, text: string): void {
  writeFileSync(path, text, { mode: PRIVATE_FILE_MODE });
  chmodSync(path, PRIVATE_FILE_MODE);
}

/**
 * Makes a SQLite database at `path` owner-only before it is opened: an empty file is created 0600 when there is
 * none (SQLite takes an empty file as a new database, and gives its `-wal` and `-shm` files the database's mode),
 * and existing files are fixed.
 */
export function preparePrivateDatabase(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    if (existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE);
  }
}
