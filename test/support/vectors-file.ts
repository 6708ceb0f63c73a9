/**
 * Reads the shared kube-proxy conformance vectors once, for every test that uses them (unit tests beside the code
 * and integration tests alike). Each caller keeps its own typed view of the fields it reads.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `shared/` sits beside the checkout. */
const vectorsPath = fileURLToPath(new URL('../../../shared/conformance/kube-proxy-vectors.json', import.meta.url));

/** The parsed file, or why it could not be read (tests skip with that reason). */
export type VectorsFileLoad =
  { readonly data: unknown; readonly skipReason?: never } | { readonly data?: never; readonly skipReason: string };

let cached: VectorsFileLoad | undefined;

/** Reads and parses the vectors file on first use; prints the reason once when it is missing. */
export function readConformanceVectors(): VectorsFileLoad {
  if (cached !== undefined) return cached;
  if (existsSync(vectorsPath)) {
    cached = { data: JSON.parse(readFileSync(vectorsPath, 'utf8')) as unknown };
  } else {
    cached = { skipReason: `conformance vectors not found at ${vectorsPath}` };
    console.log(`# skipping conformance vector tests: ${cached.skipReason}`);
  }
  return cached;
}
