import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const module = fileURLToPath(new URL('./last-resort.ts', import.meta.url));

/** Runs `body` in a fresh Node process with the handlers installed (they act on the whole process). */
function runChild(body: string): { status: number | null; stdout: string; stderr: string } {
  const script = [
    `import { installLastResortHandlers } from ${JSON.stringify(module)};`,
    `const handle = installLastResortHandlers('proxy', (line) => process.stderr.write(line + '\\n'));`,
    body,
  ].join('\n');
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('an uncaught exception and an unhandled rejection are logged and the process keeps running', () => {
  const child = runChild(`
    setTimeout(() => { throw new Error('thrown from a timer'); }, 0);
    setTimeout(() => { void Promise.reject(new Error('rejected, never handled')); }, 5);
    setTimeout(() => { process.stdout.write('still serving after ' + handle.reported() + '\\n'); }, 50);
  `);
  assert.equal(child.status, 0, child.stderr);
  assert.equal(child.stdout, 'still serving after 2\n');
  assert.match(child.stderr, /proxy: unexpected exception \(kept serving; this is a bug\): Error: thrown from a timer/);
  assert.match(child.stderr, /proxy: unhandled promise rejection \(kept serving; this is a bug\): Error: rejected/);
});

test('after uninstall a failure ends the process as usual', () => {
  const child = runChild(`
    handle.uninstall();
    setTimeout(() => { throw new Error('fatal again'); }, 0);
    setTimeout(() => { process.stdout.write('not reached\\n'); }, 50);
  `);
  assert.notEqual(child.status, 0);
  assert.equal(child.stdout, '');
  assert.match(child.stderr, /fatal again/);
});
