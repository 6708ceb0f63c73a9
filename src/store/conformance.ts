/**
 * The one conformance suite every store driver runs: a driver's test file builds a harness and calls
 * `runConformance`. The cases live in conformance/.
 */
import { describe } from 'node:test';
import { compactionCases } from './conformance/compaction.ts';
import { createCases, deleteCases, listCases, updateCases } from './conformance/crud.ts';
import { hammerCases } from './conformance/hammer.ts';
import { historyCases } from './conformance/history.ts';
import { registerCases, type StoreHarness } from './conformance/harness.ts';
import { modelSuite } from './conformance/model.ts';
import { restartSuite } from './conformance/restart.ts';
import { argumentCases, closeCases, revisionCases } from './conformance/revisions.ts';
import { watchCases } from './conformance/watch.ts';

export type { OpenHints, StoreHarness } from './conformance/harness.ts';

/** How much of the random model test to run (it costs a store per run). */
export interface ConformanceOptions {
  readonly modelRuns?: number;
}

/**
 * Registers the whole suite for one driver.
 *
 * @example
 * runConformance({ name: 'memory', open: (hints) => Promise.resolve(openMemoryStore(hints)) });
 */
export function runConformance(harness: StoreHarness, options: ConformanceOptions = {}): void {
  describe(`store conformance: ${harness.name}`, () => {
    registerCases(harness, 'create and get', createCases);
    registerCases(harness, 'update', updateCases);
    registerCases(harness, 'delete', deleteCases);
    registerCases(harness, 'list', listCases);
    registerCases(harness, 'revisions', revisionCases);
    registerCases(harness, 'arguments', argumentCases);
    registerCases(harness, 'close', closeCases);
    registerCases(harness, 'watch', watchCases);
    registerCases(harness, 'compaction', compactionCases);
    registerCases(harness, 'history', historyCases);
    registerCases(harness, 'watch under concurrent writes', hammerCases);
    restartSuite(harness);
    modelSuite(harness, options.modelRuns ?? 50);
  });
}
