/**
 * The kernel side of an iptables proxier: `iptables-restore -w 5 --noflush` with the payload on stdin,
 * `iptables-save -t TABLE` to learn the kernel's chains, and `iptables -N` / `-C` / `-I` / `-D` for the jump rules
 * from the built-in chains (reference §7). `ip6tables*` for IPv6. Everything goes through a `CommandRunner`.
 */
import type { IPFamily } from '../../net/index.ts';
import { type JumpRule, jumpRuleArgs } from '../iptables/jump-rules.ts';
import { CommandError, type CommandRunner, runChecked } from '../../exec/command.ts';

/** What a proxier asks of iptables. */
export interface IptablesRunner {
  readonly family: IPFamily;
  /** Loads a payload atomically with `--noflush`; throws (`CommandError`) when the kernel refuses it. */
  restore(payload: string): Promise<void>;
  /** `iptables-save -t table`. */
  save(table: 'nat' | 'filter'): Promise<string>;
  /** Creates the rule's target chain if missing and inserts the rule at the top of its chain unless present. */
  ensureJumpRule(rule: JumpRule): Promise<void>;
  /** Deletes one copy of the rule; false when there was none (or its chain does not exist). */
  deleteJumpRule(rule: JumpRule): Promise<boolean>;
}

/** iptables' own wait: take the xtables lock within 5 s rather than fail at once. */
const waitArgs = ['-w', '5'];

/** The chain names declared in an `iptables-save` / restore text (`:NAME POLICY [p:b]` lines). */
export function chainsInDump(text: string): Set<string> {
  const chains = new Set<string>();
  for (const line of text.split('\n')) {
    if (!line.startsWith(':')) continue;
    const name = line.slice(1).split(' ')[0];
    if (name !== undefined && name !== '') chains.add(name);
  }
  return chains;
}

// Restoring (or saving) every rule of a 10k-Service node takes minutes on the nf_tables backend: only a hung
// command is cut, never a big one.
const restoreTimeoutMs = 15 * 60_000;

/**
 * An `IptablesRunner` over real commands for one family.
 *
 * @example
 * const iptables = createIptablesRunner(withCommandPrefix(spawnCommand, prefix), 'IPv4');
 * await iptables.restore(payload);
 */
export function createIptablesRunner(run: CommandRunner, family: IPFamily): IptablesRunner {
  const v6 = family === 'IPv6';
  const iptables = v6 ? 'ip6tables' : 'iptables';
  return {
    family,
    restore: async (payload) => {
      await runChecked(run, [`${iptables}-restore`, ...waitArgs, '--noflush'], payload, {
        timeoutMs: restoreTimeoutMs,
      });
    },
    save: (table) => runChecked(run, [`${iptables}-save`, '-t', table], undefined, { timeoutMs: restoreTimeoutMs }),
    ensureJumpRule: async (rule) => {
      const create = [iptables, ...waitArgs, '-t', rule.table, '-N', rule.dstChain];
      const created = await run(create);
      // Exit 1 with "Chain already exists" is the normal case after the first sync.
      if (created.code !== 0 && !/exists/i.test(created.stderr)) throw new CommandError(create, created);
      const args = jumpRuleArgs(rule);
      const check = await run([iptables, ...waitArgs, '-t', rule.table, '-C', rule.srcChain, ...args]);
      if (check.code === 0) return;
      await runChecked(run, [iptables, ...waitArgs, '-t', rule.table, '-I', rule.srcChain, ...args]);
    },
    deleteJumpRule: async (rule) => {
      const result = await run([iptables, ...waitArgs, '-t', rule.table, '-D', rule.srcChain, ...jumpRuleArgs(rule)]);
      return result.code === 0;
    },
  };
}
