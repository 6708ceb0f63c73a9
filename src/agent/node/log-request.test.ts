import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseLogRun, parseLogQuery } from './log-request.ts';

const now = new Date(Date.UTC(2024, 0, 1, 12, 0, 0));
const query = (text: string) => parseLogQuery(new URLSearchParams(text), now);

test('the query is read as kubelet reads PodLogOptions', () => {
  assert.deepEqual(query('follow=true&timestamps=1&tailLines=5&limitBytes=10&previous=true'), {
    ok: true,
    options: { follow: true, timestamps: true, tailLines: 5, limitBytes: 10 },
    previous: true,
  });
  assert.deepEqual(query('sinceSeconds=60'), {
    ok: true,
    options: { since: new Date(Date.UTC(2024, 0, 1, 11, 59, 0)) },
    previous: false,
  });
  assert.deepEqual(query('tail=all'), { ok: true, options: {}, previous: false });
  assert.deepEqual(query('tailLines=x'), { ok: false, code: 400, message: '{"message": "Unable to decode query."}' });
  assert.deepEqual(query('tailLines=-1'), { ok: false, code: 422, message: '{"message": "Invalid request."}' });
  assert.deepEqual(query('sinceSeconds=1&sinceTime=2024-01-01T00:00:00Z'), {
    ok: false,
    code: 422,
    message: '{"message": "Invalid request."}',
  });
});

test("the run to read, or kubelet's reason there is none", () => {
  const running = { kind: 'running' as const, startedAt: 'x', pid: 1 };
  const terminated = { kind: 'terminated' as const, exitCode: 1, startedAt: 'x', finishedAt: 'y', pid: 1 };
  assert.deepEqual(chooseLogRun('c', 'p', undefined, false), {
    ok: false,
    message: 'container "c" in pod "p" is waiting to start: ContainerCreating',
  });
  assert.deepEqual(chooseLogRun('c', 'p', { view: { state: running }, stateRun: 0 }, true), {
    ok: false,
    message: 'previous terminated container "c" in pod "p" not found',
  });
  const restarted = { view: { state: running, lastTerminated: terminated }, stateRun: 1, lastRun: 0 };
  assert.deepEqual(chooseLogRun('c', 'p', restarted, false), { ok: true, run: 1 });
  assert.deepEqual(chooseLogRun('c', 'p', restarted, true), { ok: true, run: 0 });
  const backingOff = {
    view: { state: { kind: 'waiting' as const, reason: 'CrashLoopBackOff' }, lastTerminated: terminated },
    stateRun: 1,
    lastRun: 1,
  };
  assert.deepEqual(chooseLogRun('c', 'p', backingOff, false), { ok: true, run: 1 });
  const refused = { view: { state: { kind: 'waiting' as const, reason: 'ErrImageNeverPull' } } };
  assert.deepEqual(chooseLogRun('c', 'p', refused, false), {
    ok: false,
    message: 'container "c" in pod "p" is waiting to start: ErrImageNeverPull',
  });
});
