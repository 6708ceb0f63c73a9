import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AllocationLog } from './transaction.ts';

test('commit runs deferred releases; revert undoes allocations newest first', () => {
  const events: string[] = [];
  const committed = new AllocationLog();
  committed.allocated(() => events.push('undo a'));
  committed.releaseOnCommit(() => events.push('release x'));
  committed.commit();
  committed.revert();
  assert.deepEqual(events, ['release x']);

  events.length = 0;
  const reverted = new AllocationLog();
  reverted.allocated(() => events.push('undo a'));
  reverted.allocated(() => events.push('undo b'));
  reverted.releaseOnCommit(() => events.push('release x'));
  reverted.revert();
  reverted.commit();
  assert.deepEqual(events, ['undo b', 'undo a']);
  assert.throws(() => {
    reverted.allocated(() => undefined);
  }, /already finished/);
});
