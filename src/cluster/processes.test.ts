import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pidFile, recordedProcess, startProcess, stopRecorded } from './processes.ts';

const dir = mkdtempSync(join(tmpdir(), 'portico-processes-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('a started process is recorded by PID, logs to its file, and is stopped by that PID', async () => {
  const started = startProcess(dir, {
    role: 'sleeper',
    // The folder on the command line is what marks the process as the cluster's.
    argv: [process.execPath, '-e', 'console.log("up"); setInterval(() => {}, 1000)', dir],
  });
  assert.equal(recordedProcess(dir, 'sleeper'), started.pid);
  for (let i = 0; i < 50 && !readFileSync(started.logFile, 'utf8').includes('up'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.match(readFileSync(started.logFile, 'utf8'), /^up$/m);
  assert.equal(await stopRecorded(dir, 'sleeper', 5000), 'stopped');
  assert.equal(await started.exited, 128 + 15);
  assert.equal(existsSync(pidFile(dir, 'sleeper')), false);
  assert.equal(await stopRecorded(dir, 'sleeper', 5000), 'gone');
});

test("a recorded PID that is not the cluster's (reused, or never ours) is left alone", () => {
  writeFileSync(pidFile(dir, 'stranger'), `${process.pid}\n`);
  assert.equal(recordedProcess(dir, 'stranger'), undefined);
  writeFileSync(pidFile(dir, 'nonsense'), 'not a pid\n');
  assert.equal(recordedProcess(dir, 'nonsense'), undefined);
});
