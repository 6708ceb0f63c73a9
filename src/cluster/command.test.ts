import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detachedCommandRunner } from './command.ts';

const run = detachedCommandRunner(10_000);

test('a command runs in its own process group, out of reach of the terminal signals', async () => {
  const result = await run(['sh', '-c', 'ps -o pgid= -p $$; cat'], 'input\n');
  assert.equal(result.code, 0, result.stderr);
  const [pgid, echoed] = result.stdout.trim().split('\n');
  const ours = (await run(['ps', '-o', 'pgid=', '-p', String(process.pid)])).stdout.trim();
  assert.notEqual(pgid?.trim(), ours, 'not in the process group of the process that started it');
  assert.equal(echoed, 'input');
});

test('a command that does not start ends with 127; a failing one keeps its code and stderr', async () => {
  assert.equal((await run(['/nonexistent/portico-command'])).code, 127);
  const failed = await run(['sh', '-c', 'echo why >&2; exit 3']);
  assert.equal(failed.code, 3);
  assert.equal(failed.stderr, 'why\n');
});

test('a command past its time limit is killed with everything it started, and ends with 124', async () => {
  const quick = detachedCommandRunner(300);
  const result = await quick(['sh', '-c', 'sleep 30 & sleep 30; echo never']);
  assert.equal(result.code, 124);
  assert.match(result.stderr, /killed after 300 ms/);
  assert.equal(result.stdout, '');
});
