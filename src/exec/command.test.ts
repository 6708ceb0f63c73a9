import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  CommandError,
  CommandTimeoutError,
  createSpawnCommand,
  runChecked,
  spawnCommand,
  withCommandPrefix,
} from './command.ts';

/** True while `pid` is a live process (a zombie counts as gone). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function untilGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 200 && alive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  return !alive(pid);
}

test('a command that outlives its timeout is killed with what it started, and the call rejects', async () => {
  const script = 'sleep 1000 & echo $!; sleep 1000';
  const error = await spawnCommand(['sh', '-c', script], undefined, { timeoutMs: 300 }).then(
    () => assert.fail('resolved'),
    (reason: unknown) => reason,
  );
  assert.ok(error instanceof CommandTimeoutError);
  assert.ok(error instanceof CommandError, 'callers that handle CommandError handle a timeout too');
  assert.equal(error.message, `sh -c ${script} timed out after 0.3s and was killed`);
  assert.equal(error.timeoutMs, 300);
  const grandchild = Number(error.result.stdout.trim());
  assert.ok(grandchild > 1, `the background sleep's pid was printed: ${error.result.stdout}`);
  assert.ok(await untilGone(grandchild), 'the background sleep was killed with its group');
});

test('the runner has a default timeout; a call may change it, 0 waits for ever', async () => {
  const quick = createSpawnCommand({ timeoutMs: 200 });
  await assert.rejects(quick(['sleep', '1000']), CommandTimeoutError);
  assert.equal((await quick(['sleep', '0.4'], undefined, { timeoutMs: 0 })).code, 0);
  assert.equal((await quick(['sh', '-c', 'exit 3'])).code, 3);
  await assert.rejects(runChecked(quick, ['sleep', '1000']), /sleep 1000 timed out after 0.2s and was killed/);
  const prefixed = withCommandPrefix(quick, ['sh', '-c', 'sleep 1000', 'name']);
  await assert.rejects(prefixed(['ignored'], undefined, { timeoutMs: 100 }), /timed out after 0.1s/);
});

test('output, input and failures are reported as before', async () => {
  assert.deepEqual(await spawnCommand(['cat'], 'in'), { code: 0, stdout: 'in', stderr: '' });
  assert.equal((await spawnCommand(['/nonexistent/program'])).code, 127);
  await assert.rejects(runChecked(spawnCommand, ['sh', '-c', 'echo bad >&2; exit 2']), /failed \(exit 2\): bad/);
});
