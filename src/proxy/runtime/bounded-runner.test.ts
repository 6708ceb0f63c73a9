import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BoundedFrequencyRunner } from './bounded-runner.ts';
import { FakeClock } from './fake-clock.ts';

/** A runner over a fake clock that records when each run started (ms since the clock's start). */
function setup(options = { minIntervalMs: 1000, maxIntervalMs: 60_000, burst: 2 }) {
  const clock = new FakeClock(0);
  const runs: number[] = [];
  let release: (() => void) | undefined;
  let blocking = false;
  const runner = new BoundedFrequencyRunner(
    async () => {
      runs.push(clock.now());
      if (blocking) await new Promise<void>((resolve) => (release = resolve));
    },
    clock,
    options,
  );
  const block = (on: boolean): void => {
    blocking = on;
  };
  const unblock = (): void => release?.();
  return { clock, runs, runner, block, unblock };
}

test('nothing runs before start, and a request runs at once', async () => {
  const { clock, runs, runner } = setup();
  runner.run();
  clock.advance(0);
  assert.deepEqual(runs, []);
  runner.start();
  runner.run();
  clock.advance(0);
  await runner.idle();
  assert.deepEqual(runs, [0]);
});

test('a burst of two, then at most one run per min interval', async () => {
  const { clock, runs, runner } = setup();
  runner.start();
  for (let i = 0; i < 5; i++) {
    runner.run();
    clock.advance(0);
    await runner.idle();
  }
  assert.deepEqual(runs, [0, 0]);
  clock.advance(999);
  await runner.idle();
  assert.deepEqual(runs, [0, 0]);
  clock.advance(1);
  await runner.idle();
  assert.deepEqual(runs, [0, 0, 1000]);
});

test('requests coalesce: many requests inside the interval give one run', async () => {
  const { clock, runs, runner } = setup({ minIntervalMs: 1000, maxIntervalMs: 60_000, burst: 1 });
  runner.start();
  runner.run();
  clock.advance(0);
  await runner.idle();
  for (let i = 0; i < 10; i++) {
    runner.run();
    clock.advance(50);
  }
  await runner.idle();
  clock.advance(1000);
  await runner.idle();
  assert.deepEqual(runs, [0, 1000]);
});

test('runs every max interval with no requests', async () => {
  const { clock, runs, runner } = setup({ minIntervalMs: 1000, maxIntervalMs: 5000, burst: 2 });
  runner.start();
  for (let i = 0; i < 3; i++) {
    clock.advance(5000);
    await runner.idle();
  }
  assert.deepEqual(runs, [5000, 10000, 15000]);
});

test('retryAfter schedules a run later, unless one is due sooner', async () => {
  const { clock, runs, runner } = setup();
  runner.start();
  runner.retryAfter(3000);
  clock.advance(2999);
  assert.deepEqual(runs, []);
  clock.advance(1);
  await runner.idle();
  assert.deepEqual(runs, [3000]);
  runner.retryAfter(3000);
  runner.run();
  clock.advance(0);
  await runner.idle();
  assert.deepEqual(runs, [3000, 3000]);
});

test('never two runs at once: a request during a run runs after it', async () => {
  const { clock, runs, runner, block, unblock } = setup();
  runner.start();
  block(true);
  runner.run();
  clock.advance(0);
  runner.run();
  clock.advance(5000);
  assert.deepEqual(runs, [0]);
  block(false);
  unblock();
  await runner.idle();
  clock.advance(0);
  await runner.idle();
  assert.deepEqual(runs, [0, 5000]);
});

test('stop cancels pending runs', async () => {
  const { clock, runs, runner } = setup();
  runner.start();
  runner.retryAfter(100);
  runner.stop();
  clock.advance(100_000);
  await runner.idle();
  assert.deepEqual(runs, []);
});
