import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { KubeObject, Strategy } from '../registry/strategy.ts';
import { deadlineAfter, gracefulStep } from './graceful.ts';
import { formatTimestamp } from './system-fields.ts';

const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { nodeName: 'n' } };

function strategyReturning(period: unknown): Strategy {
  return { gracePeriodSeconds: () => period as number } as unknown as Strategy;
}

test('a deadline of any number of seconds is a printable timestamp', () => {
  const now = Date.UTC(2026, 0, 1);
  for (const seconds of [1e30, -1e30, 2 ** 63, -(2 ** 63), Number.NaN, Infinity, 5]) {
    assert.doesNotThrow(() => formatTimestamp(deadlineAfter(now, seconds)), String(seconds));
  }
  assert.equal(formatTimestamp(deadlineAfter(now, 2 ** 63)), '9999-12-31T23:59:59Z');
});

test('graceful deletion never throws, whatever the requested or specified period', () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.double(), fc.integer(), fc.constant(2 ** 63), fc.string(), fc.constant(null)),
      fc.option(fc.oneof(fc.double({ noNaN: true }), fc.integer()), { nil: undefined }),
      (specified, requested) => {
        const step = gracefulStep(strategyReturning(specified), pod, requested, new Date());
        if (step.kind === 'mark') {
          const meta = step.object.metadata as Record<string, unknown>;
          assert.match(String(meta['deletionTimestamp']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
          const marked = gracefulStep(strategyReturning(specified), step.object, requested, new Date());
          assert.ok(['pending', 'remove', 'mark'].includes(marked.kind));
        }
      },
    ),
    { numRuns: 300 },
  );
});
