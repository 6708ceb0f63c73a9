import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { AgentClock } from './clock.ts';
import { PodLogs, type RunLog, podLogFolder } from './container-logs.ts';
import { LogPathError, unsafeLogNames } from './log-paths.ts';
import type { LogRotationPolicy } from './log-rotation.ts';
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
let uid = '';
function podLogs(clock: AgentClock = new StepClock(), rotation?: LogRotationPolicy): PodLogs {
  counter++;
  uid = randomUUID();
  const fail = (m: string): void => {
    throw new Error(m);
  };
  return new PodLogs(podLogFolder(root, 'default', `web-${counter}`, uid), clock, fail, rotation);
}

/** The whole answer for `options`, without follow. */
async function read(log: RunLog, options: StreamLogOptions = {}): Promise<string> {
  const chunks: Buffer[] = [];
  let ended = false;
  await streamRunLog(log, options, {
    write: (b) => {
      chunks.push(b);
    },
    end: () => {
      ended = true;
    },
  });
  assert.ok(ended);
  return Buffer.concat(chunks).toString();
}

/** A follow whose received text and end can be awaited. */
function follow(log: RunLog, options: StreamLogOptions, signal?: AbortSignal) {
  const state = { text: '', ended: false };
  const done = streamRunLog(
    log,
    { ...options, follow: true },
    {
      write: (b) => {
        state.text += b.toString();
      },
      end: () => {
        state.ended = true;
      },
    },
    signal,
  );
  return { state, done };
}

/** Lets the reader run until `ok` holds (it reads asynchronously). */
async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !ok(); i++) await new Promise((resolve) => setImmediate(resolve));
  assert.ok(ok());
}

test("files are laid out kubelet's way, one per run, lines in CRI's format", async () => {
  const logs = podLogs();
  const log = logs.startRun('main', 0);
  log.write('stdout', 'hello');
  log.write('stderr', 'oops');
  assert.equal(log.path, join(root, `default_web-${counter}_${uid}`, 'main', '0.log'));
  assert.equal(
    readFileSync(log.path, 'utf8'),
    '2024-01-01T12:00:00.000000000Z stdout F hello\n2024-01-01T12:00:00.000000000Z stderr F oops\n',
  );
  assert.equal(await read(log), 'hello\noops\n');
});

test('tail, timestamps, since and limitBytes', async () => {
  const clock = new StepClock();
  const log = podLogs(clock).startRun('main', 0);
  for (const line of ['one', 'two', 'three', 'four']) {
    log.write('stdout', line);
    clock.time += 1000;
  }
  assert.equal(await read(log, { tailLines: 2 }), 'three\nfour\n');
  assert.equal(await read(log, { tailLines: 0 }), '');
  assert.equal(await read(log, { tailLines: 10 }), 'one\ntwo\nthree\nfour\n');
  assert.equal(await read(log, { tailLines: 1, timestamps: true }), '2024-01-01T12:00:03.000000000Z four\n');
  assert.equal(await read(log, { since: new Date(Date.UTC(2024, 0, 1, 12, 0, 2)) }), 'three\nfour\n');
  // The tail is taken first, then the since filter.
  assert.equal(await read(log, { tailLines: 3, since: new Date(Date.UTC(2024, 0, 1, 12, 0, 3)) }), 'four\n');
  // limitBytes cuts mid-line.
  assert.equal(await read(log, { limitBytes: 6 }), 'one\ntw');
  assert.equal(await read(log, { limitBytes: 6, timestamps: true }), '2024-0');
});

test('a new run keeps the previous run and removes older ones', async () => {
  const logs = podLogs();
  const first = logs.startRun('main', 0);
  first.write('stdout', 'run 0');
  logs.startRun('main', 1).write('stdout', 'run 1');
  const dir = join(logs.folder, 'main');
  assert.deepEqual(readdirSync(dir).sort(), ['0.log', '1.log']);
  assert.equal(first.finished, true);
  assert.equal(await read(first), 'run 0\n');
  logs.startRun('main', 2);
  assert.deepEqual(readdirSync(dir).sort(), ['1.log', '2.log']);
  assert.equal(logs.run('main', 0), undefined);
  const previous = logs.run('main', 1);
  assert.ok(previous !== undefined);
  assert.equal(await read(previous), 'run 1\n');
});

test('follow sends what is written, then each new line until the output ends', async () => {
  const log = podLogs().startRun('main', 0);
  log.write('stdout', 'before');
  const { state, done } = follow(log, {});
  await until(() => state.text === 'before\n');
  log.write('stderr', 'after');
  await until(() => state.text === 'before\nafter\n');
  assert.equal(state.ended, false);
  log.finish();
  await done;
  assert.equal(state.ended, true);
  log.write('stdout', 'late');
  assert.equal(state.text, 'before\nafter\n');
});

test('follow ends when the client goes away, or once limitBytes are sent', async () => {
  const log = podLogs().startRun('main', 0);
  const gone = new AbortController();
  const first = follow(log, { tailLines: 0 }, gone.signal);
  log.write('stdout', 'x');
  await until(() => first.state.text === 'x\n');
  gone.abort();
  await first.done;
  log.write('stdout', 'y');
  assert.equal(first.state.text, 'x\n');
  assert.equal(first.state.ended, true);
  const limited = follow(log, { limitBytes: 5 });
  await until(() => limited.state.text === 'x\ny\n');
  assert.equal(limited.state.ended, false);
  log.write('stdout', 'zzz');
  await limited.done;
  assert.equal(limited.state.text, 'x\ny\nz');
  assert.equal(limited.state.ended, true);
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

test('partial pieces are stored tagged P and read back joined, as kubelet reads them', async () => {
  const log = podLogs().startRun('main', 0);
  log.write('stdout', 'a long ', true);
  log.write('stdout', 'line', false);
  log.write('stdout', 'next');
  assert.match(readFileSync(log.path, 'utf8'), /^\S+ stdout P a long \n\S+ stdout F line\n\S+ stdout F next\n$/);
  assert.equal(await read(log), 'a long line\nnext\n');
  assert.equal(
    await read(log, { timestamps: true }),
    '2024-01-01T12:00:00.000000000Z a long 2024-01-01T12:00:00.000000000Z line\n2024-01-01T12:00:00.000000000Z next\n',
  );
});

test('a full response stops the reading: nothing more is read until it drains', async () => {
  const log = podLogs().startRun('main', 0);
  const line = 'x'.repeat(1000);
  for (let i = 0; i < 2000; i++) log.write('stdout', line);
  const state = { writes: 0, ended: false };
  let release: () => void = () => undefined;
  const done = streamRunLog(
    log,
    {},
    {
      write: () => {
        state.writes++;
        return new Promise<void>((resolve) => (release = resolve));
      },
      end: () => {
        state.ended = true;
      },
    },
  );
  for (let i = 0; i < 200; i++) await new Promise((resolve) => setImmediate(resolve));
  // About 2 MB are stored; while the first write is not taken, nothing else is read or sent.
  assert.deepEqual(state, { writes: 1, ended: false });
  for (let i = 0; i < 10_000 && !state.ended; i++) {
    release();
    await new Promise((resolve) => setImmediate(resolve));
  }
  await done;
  assert.ok(state.writes > 1);
});

test('names that are not DNS labels or a uid never become paths', () => {
  const logs = podLogs();
  for (const name of ['../../../x', '..', '', 'a/b', 'A', '.hidden', 'x'.repeat(64)]) {
    assert.throws(() => logs.startRun(name, 0), LogPathError, name);
  }
  assert.throws(() => podLogFolder(root, '../etc', 'p', randomUUID()), LogPathError);
  assert.throws(() => podLogFolder(root, 'default', '../../p', randomUUID()), LogPathError);
  assert.throws(() => podLogFolder(root, 'default', 'p', '../../x'), LogPathError);
  assert.throws(() => podLogFolder(root, 'default', 'p', 'uid-1'), LogPathError);
  assert.equal(
    unsafeLogNames('default', 'web.v1', randomUUID(), ['main', '../../../x']),
    'container name "../../../x" is invalid: a lowercase RFC 1123 label must consist of lower case alphanumeric ' +
      "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', " +
      "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  );
  assert.equal(unsafeLogNames('default', 'web.v1', randomUUID(), ['main']), undefined);
  assert.deepEqual(
    readdirSync(root).filter((name) => !name.startsWith('default_')),
    [],
  );
});
