import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { AgentClock } from './clock.ts';
import { PodLogs, type RunLog, podLogFolder } from './container-logs.ts';
import { startPosition } from './log-reader.ts';
import { LogRotationError, checkLogMaxFiles, parseLogMaxSize, rotationSuffix } from './log-rotation.ts';
import { type StreamLogOptions, streamRunLog } from './log-stream.ts';

const root = mkdtempSync(join(tmpdir(), 'portico-rotation-test-'));
after(() => {
  rmSync(root, { recursive: true, force: true });
});

class StepClock implements AgentClock {
  time = Date.UTC(2024, 0, 2, 3, 4, 5);
  now(): Date {
    return new Date(this.time);
  }
  setTimer(): () => void {
    return () => undefined;
  }
}

/** One stored line is 47 bytes: a 30-byte timestamp, ` stdout F `, 6 characters and the newline. */
const LINE_BYTES = 47;

function runLog(clock: AgentClock, maxFiles = 3): RunLog {
  const folder = podLogFolder(root, 'default', `p-${randomUUID().slice(0, 8)}`, randomUUID());
  const logs = new PodLogs(folder, clock, (message) => assert.fail(message), { maxSize: 2 * LINE_BYTES, maxFiles });
  return logs.startRun('main', 0);
}

async function read(log: RunLog, options: StreamLogOptions = {}): Promise<string> {
  let text = '';
  await streamRunLog(log, options, { write: (b) => void (text += b.toString()), end: () => undefined });
  return text;
}

test("sizes and file counts are read as kubelet's flags", () => {
  assert.equal(parseLogMaxSize('10Mi'), 10 * 1024 * 1024);
  assert.equal(parseLogMaxSize('500k'), 500_000);
  assert.equal(parseLogMaxSize('4096'), 4096);
  assert.equal(parseLogMaxSize('-1'), -1);
  assert.throws(() => parseLogMaxSize('10MB'), LogRotationError);
  assert.throws(() => parseLogMaxSize(''), LogRotationError);
  assert.equal(checkLogMaxFiles(2), 2);
  assert.throws(() => checkLogMaxFiles(1), /invalid MaxFiles 1, must be > 1/);
  assert.equal(rotationSuffix(new Date(Date.UTC(2024, 0, 2, 3, 4, 5))), '20240102-030405');
});

test('a full file is renamed <file>.<timestamp>, at most maxFiles stay, and logs read them in order', async () => {
  const clock = new StepClock();
  const log = runLog(clock);
  for (let i = 0; i < 9; i++) {
    log.write('stdout', `line-${i}`);
    clock.time += 1000;
  }
  const dir = join(log.path, '..');
  // Every second line fills a file: 0.log.<t1>, 0.log.<t3>, … and only the newest maxFiles - 1 rotated ones stay.
  assert.deepEqual(readdirSync(dir).sort(), ['0.log', '0.log.20240102-030410', '0.log.20240102-030412']);
  assert.equal(await read(log), 'line-4\nline-5\nline-6\nline-7\nline-8\n');
  assert.equal(await read(log, { tailLines: 3 }), 'line-6\nline-7\nline-8\n');
  assert.equal(await read(log, { tailLines: 4 }), 'line-5\nline-6\nline-7\nline-8\n');
  assert.equal(await read(log, { tailLines: 99 }), 'line-4\nline-5\nline-6\nline-7\nline-8\n');
  assert.equal(await read(log, { limitBytes: 10 }), 'line-4\nlin');
  // line-i was written at 03:04:05 + i seconds; whole files before `since` are skipped, then lines.
  const at = (second: number): Date => new Date(Date.UTC(2024, 0, 2, 3, 4, second));
  assert.equal(await read(log, { since: at(11) }), 'line-6\nline-7\nline-8\n');
  assert.equal(await read(log, { since: at(12) }), 'line-7\nline-8\n');
  assert.equal(await read(log, { since: at(14) }), '');
  assert.equal(await read(log, { since: at(0) }), 'line-4\nline-5\nline-6\nline-7\nline-8\n');
  assert.deepEqual(await startPosition(log, { since: at(12) }), { seq: 3, offset: 0 });
  assert.deepEqual(await startPosition(log, { since: at(14) }), { seq: 4, offset: 0 });
});

test('two rotations in one second wait for the next second: names never collide', () => {
  const clock = new StepClock();
  const log = runLog(clock, 5);
  for (let i = 0; i < 6; i++) log.write('stdout', `line-${i}`);
  assert.deepEqual(readdirSync(join(log.path, '..')).sort(), ['0.log', '0.log.20240102-030405']);
  clock.time += 1000;
  log.write('stdout', 'line-6');
  assert.deepEqual(readdirSync(join(log.path, '..')).sort(), [
    '0.log',
    '0.log.20240102-030405',
    '0.log.20240102-030406',
  ]);
});

test('a follow goes on into the next file when its file is rotated', async () => {
  const clock = new StepClock();
  const log = runLog(clock, 5);
  let text = '';
  const done = streamRunLog(log, { follow: true }, { write: (b) => void (text += b.toString()), end: () => undefined });
  for (let i = 0; i < 5; i++) {
    log.write('stdout', `line-${i}`);
    clock.time += 1000;
    for (let j = 0; j < 20; j++) await new Promise((resolve) => setImmediate(resolve));
  }
  log.finish();
  await done;
  assert.equal(text, 'line-0\nline-1\nline-2\nline-3\nline-4\n');
});
