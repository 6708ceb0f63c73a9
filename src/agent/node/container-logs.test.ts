import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { AgentClock } from './clock.ts';
import { PodLogs, type RunLog, podLogFolder } from './container-logs.ts';
import { type StreamLogOptions, streamRunLog } from './log-stream.ts';

const root = mkdtempSync(join(tmpdir(), 'portico-logs-test-'));
after(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A clock at a fixed time that moves only when told. */
class StepClock implements AgentClock {
  time = Date.UTC(2024, 0, 1, 12, 0, 0);
  now(): Date {
    return new Date(this.time);
  }
  setTimer(): () => void {
    return () => undefined;
  }
}

let counter = 0;
function podLogs(clock: AgentClock = new StepClock()): PodLogs {
  counter++;
  return new PodLogs(podLogFolder(root, 'default', `web-${counter}`, `uid-${counter}`), clock, (m) => {
    throw new Error(m);
  });
}

/** The whole answer for `options`, without follow. */
function read(log: RunLog, options: StreamLogOptions = {}): string {
  const chunks: Buffer[] = [];
  let ended = false;
  streamRunLog(log, options, { write: (b) => chunks.push(b), end: () => (ended = true) });
  assert.ok(ended);
  return Buffer.concat(chunks).toString();
}

test("files are laid out kubelet's way, one per run, lines in CRI's format", () => {
  const logs = podLogs();
  const log = logs.startRun('main', 0);
  log.write('stdout', 'hello');
  log.write('stderr', 'oops');
  assert.equal(log.path, join(root, `default_web-${counter}_uid-${counter}`, 'main', '0.log'));
  assert.equal(
    readFileSync(log.path, 'utf8'),
    '2024-01-01T12:00:00.000000000Z stdout F hello\n2024-01-01T12:00:00.000000000Z stderr F oops\n',
  );
  assert.equal(read(log), 'hello\noops\n');
});

test('tail, timestamps, since and limitBytes', () => {
  const clock = new StepClock();
  const log = podLogs(clock).startRun('main', 0);
  for (const line of ['one', 'two', 'three', 'four']) {
    log.write('stdout', line);
    clock.time += 1000;
  }
  assert.equal(read(log, { tailLines: 2 }), 'three\nfour\n');
  assert.equal(read(log, { tailLines: 0 }), '');
  assert.equal(read(log, { tailLines: 10 }), 'one\ntwo\nthree\nfour\n');
  assert.equal(read(log, { tailLines: 1, timestamps: true }), '2024-01-01T12:00:03.000000000Z four\n');
  assert.equal(read(log, { since: new Date(Date.UTC(2024, 0, 1, 12, 0, 2)) }), 'three\nfour\n');
  // The tail is taken first, then the since filter.
  assert.equal(read(log, { tailLines: 3, since: new Date(Date.UTC(2024, 0, 1, 12, 0, 3)) }), 'four\n');
  // limitBytes cuts mid-line.
  assert.equal(read(log, { limitBytes: 6 }), 'one\ntw');
  assert.equal(read(log, { limitBytes: 6, timestamps: true }), '2024-0');
});

test('a new run keeps the previous run and removes older ones', () => {
  const logs = podLogs();
  const first = logs.startRun('main', 0);
  first.write('stdout', 'run 0');
  logs.startRun('main', 1).write('stdout', 'run 1');
  const dir = join(logs.folder, 'main');
  assert.deepEqual(readdirSync(dir).sort(), ['0.log', '1.log']);
  assert.equal(first.finished, true);
  assert.equal(read(first), 'run 0\n');
  logs.startRun('main', 2);
  assert.deepEqual(readdirSync(dir).sort(), ['1.log', '2.log']);
  assert.equal(logs.run('main', 0), undefined);
  const previous = logs.run('main', 1);
  assert.ok(previous !== undefined);
  assert.equal(read(previous), 'run 1\n');
});

test('follow sends what is written, then each new line until the output ends', () => {
  const log = podLogs().startRun('main', 0);
  log.write('stdout', 'before');
  const chunks: string[] = [];
  let ended = false;
  streamRunLog(log, { follow: true }, { write: (b) => chunks.push(b.toString()), end: () => (ended = true) });
  assert.deepEqual(chunks, ['before\n']);
  log.write('stderr', 'after');
  assert.deepEqual(chunks, ['before\n', 'after\n']);
  assert.equal(ended, false);
  log.finish();
  assert.equal(ended, true);
  log.write('stdout', 'late');
  assert.deepEqual(chunks, ['before\n', 'after\n']);
});

test('follow ends when the client goes away, or once limitBytes are sent', () => {
  const log = podLogs().startRun('main', 0);
  const gone = new AbortController();
  let ended = 0;
  const chunks: string[] = [];
  streamRunLog(
    log,
    { follow: true, tailLines: 0 },
    { write: (b) => chunks.push(b.toString()), end: () => ended++ },
    gone.signal,
  );
  log.write('stdout', 'x');
  gone.abort();
  log.write('stdout', 'y');
  assert.deepEqual(chunks, ['x\n']);
  assert.equal(ended, 1);
  const limited: string[] = [];
  const sink = { write: (b: Buffer) => limited.push(b.toString()), end: () => ended++ };
  streamRunLog(log, { follow: true, limitBytes: 5 }, sink);
  assert.equal(ended, 1);
  log.write('stdout', 'zzz');
  assert.deepEqual(limited, ['x\ny\n', 'z']);
  assert.equal(ended, 2);
});

test('removing a pod removes its folder; closing keeps the files', () => {
  const kept = podLogs();
  kept.startRun('main', 0).write('stdout', 'stays');
  kept.close();
  assert.ok(existsSync(join(kept.folder, 'main', '0.log')));
  const removed = podLogs();
  const log = removed.startRun('main', 0);
  removed.remove();
  assert.equal(existsSync(removed.folder), false);
  assert.equal(log.finished, true);
});
