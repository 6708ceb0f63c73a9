/**
 * Reads the kube-proxy conformance vectors once, for every test that uses them (unit tests beside the code and
 * integration tests alike). Each caller keeps its own typed view of the fields it reads. The repository keeps its own
 * copy (test/conformance/), so a plain clone runs them; `conformance-copy.test.ts` keeps it equal to the shared one.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository's copy. */
export const vectorsPath = fileURLToPath(new URL('../conformance/kube-proxy-vectors.json', import.meta.url));

/** The project's shared copy beside the checkout (the source of the repository's copy), when present. */
export const sharedVectorsPath = fileURLToPath(
  new URL('../../../shared/conformance/kube-proxy-vectors.json', import.meta.url),
);

/** The parsed file, or why it could not be read (tests skip with that reason). */
export type VectorsFileLoad =
  { readonly data: unknown; readonly skipReason?: never } | { readonly data?: never; readonly skipReason: string };

let cached: VectorsFileLoad | undefined;

/** Reads and parses the vectors file on first use. */
export function readConformanceVectors(): VectorsFileLoad {
  cached ??= { data: JSON.parse(readFileSync(vectorsPath, 'utf8')) as unknown };
  return cached;
}
