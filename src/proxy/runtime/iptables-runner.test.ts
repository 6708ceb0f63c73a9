import assert from 'node:assert/strict';
import { test } from 'node:test';
import { iptablesJumpRules } from '../iptables/jump-rules.ts';
import type { CommandResult } from '../../exec/command.ts';
import { CommandError, withCommandPrefix } from '../../exec/command.ts';
import { chainsInDump, createIptablesRunner } from './iptables-runner.ts';

function recorder(answer: (argv: readonly string[]) => CommandResult) {
  const calls: { argv: string[]; stdin: string | undefined }[] = [];
  const run = (argv: readonly string[], stdin?: string): Promise<CommandResult> => {
    calls.push({ argv: [...argv], stdin });
    return Promise.resolve(answer(argv));
  };
  return { calls, run };
}

const ok: CommandResult = { code: 0, stdout: '', stderr: '' };
const prefix = ['nsenter', '--target', '4242', '--net'];

test('restore runs iptables-restore -w 5 --noflush with the payload on stdin, through the prefix', async () => {
  const { calls, run } = recorder(() => ok);
  await createIptablesRunner(withCommandPrefix(run, prefix), 'IPv4').restore('*nat\nCOMMIT\n');
  assert.deepEqual(calls, [{ argv: [...prefix, 'iptables-restore', '-w', '5', '--noflush'], stdin: '*nat\nCOMMIT\n' }]);
});

test('IPv6 uses ip6tables-*, and a refused restore throws with stderr', async () => {
  const { calls, run } = recorder(() => ({ code: 1, stdout: '', stderr: 'line 3 failed' }));
  const runner = createIptablesRunner(run, 'IPv6');
  await assert.rejects(runner.restore('x'), (error: unknown) => {
    assert.ok(error instanceof CommandError);
    assert.match(error.message, /ip6tables-restore -w 5 --noflush failed \(exit 1\): line 3 failed/);
    return true;
  });
  assert.equal(calls[0]?.argv[0], 'ip6tables-restore');
});

test('ensureJumpRule: -N (exists is fine), -C, and -I only when -C fails', async () => {
  const rule = iptablesJumpRules[0];
  assert.ok(rule !== undefined);
  const { calls, run } = recorder((argv) => {
    if (argv.includes('-N')) return { code: 1, stdout: '', stderr: 'iptables: Chain already exists.' };
    if (argv.includes('-C')) return { code: 1, stdout: '', stderr: 'Bad rule' };
    return ok;
  });
  await createIptablesRunner(run, 'IPv4').ensureJumpRule(rule);
  const ruleArgs = ['-m', 'conntrack', '--ctstate', 'NEW', '-m', 'comment', '--comment'];
  const tail = [...ruleArgs, 'kubernetes externally-visible service portals', '-j', 'KUBE-EXTERNAL-SERVICES'];
  assert.deepEqual(
    calls.map((call) => call.argv),
    [
      ['iptables', '-w', '5', '-t', 'filter', '-N', 'KUBE-EXTERNAL-SERVICES'],
      ['iptables', '-w', '5', '-t', 'filter', '-C', 'INPUT', ...tail],
      ['iptables', '-w', '5', '-t', 'filter', '-I', 'INPUT', ...tail],
    ],
  );
});

test('ensureJumpRule does not insert a rule that is already there', async () => {
  const rule = iptablesJumpRules[0];
  assert.ok(rule !== undefined);
  const { calls, run } = recorder(() => ok);
  await createIptablesRunner(run, 'IPv4').ensureJumpRule(rule);
  assert.equal(calls.filter((call) => call.argv.includes('-I')).length, 0);
});

test('chainsInDump reads the chain declarations of iptables-save output', () => {
  const dump = '# Generated\n*nat\n:PREROUTING ACCEPT [0:0]\n:KUBE-SVC-ABC - [0:0]\n-A X -j Y\nCOMMIT\n';
  assert.deepEqual([...chainsInDump(dump)], ['PREROUTING', 'KUBE-SVC-ABC']);
});
