import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { ignoreOutputErrors, neverThrowing, ShutdownRequested, watchShutdownSignals } from './shutdown.ts';

test('the first of SIGINT, SIGTERM and SIGHUP asks for shutdown; later ones only hear the cleanup goes on', async () => {
  for (const first of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const target = new EventEmitter();
    const repeats: string[] = [];
    let clock = 1000;
    const watch = watchShutdownSignals(
      target,
      (signal, since) => repeats.push(`${signal} +${since}`),
      () => clock,
    );
    assert.equal(watch.signal.aborted, false);
    target.emit(first);
    assert.equal(watch.signal.aborted, true);
    assert.ok(watch.signal.reason instanceof ShutdownRequested);
    assert.equal((await watch.requested).signal, first);
    assert.equal((await watch.requested).message, `received ${first}`);
    target.emit('SIGINT');
    clock += 2500;
    target.emit('SIGHUP');
    assert.deepEqual(repeats, ['SIGINT +0', 'SIGHUP +2500']);
    assert.equal((await watch.requested).signal, first, 'the first signal stays the reason');
    assert.equal(watch.signal.reason, await watch.requested);
    watch.dispose();
    for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP']) assert.equal(target.listenerCount(name), 0);
  }
});

test('output errors are ignored while the guard is installed, and thrown again once it is removed', () => {
  const stream = new EventEmitter();
  const remove = ignoreOutputErrors([stream]);
  assert.doesNotThrow(() => stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })));
  remove();
  assert.throws(() => stream.emit('error', new Error('write EPIPE')), /EPIPE/);
});

test('a writer that throws is silenced', () => {
  const write = neverThrowing(() => {
    throw new Error('Cannot call write after a stream was destroyed');
  });
  assert.doesNotThrow(() => {
    write('text');
  });
});
