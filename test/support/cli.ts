/** Runs the `portico` CLI in-process and captures what it prints. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';

/** What one CLI run printed and its exit code. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `portico <args>` with `stdin` as standard input. */
export async function runCli(args: readonly string[], stdin = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'portico', ...args], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    stdin: () => stdin,
  });
  return { code, stdout, stderr };
}

/** A file in its own temporary directory; `cleanup` removes both. */
export interface TempFile {
  readonly path: string;
  readonly cleanup: () => void;
}

/** Writes `text` to `name` in a fresh temporary directory. */
export function writeText(name: string, text: string): TempFile {
  const dir = mkdtempSync(join(tmpdir(), 'portico-test-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return {
    path,
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes `objects` as one JSON List manifest. */
export function writeManifest(objects: readonly unknown[]): TempFile {
  return writeText('manifest.json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
}
