/**
 * An in-memory `IptablesRunner` over the netfilter package's fake kernel: restores parse and apply with
 * `--noflush` semantics (all or nothing), saves print what `iptables-save` would, and jump rules are ensured and
 * deleted as the real commands do. Restores can be made to fail on purpose.
 */
import type { IPFamily } from '../../net/index.ts';
import { applyRestore, createNetfilterState, type NetfilterState, renderIptablesSave } from '../../netfilter/index.ts';
import { ensureJumpRule as ensureFakeJump, type JumpRule as FakeJumpRule } from '../../netfilter/jump-rules.ts';
import { cloneState } from '../../netfilter/state.ts';
import { type JumpRule, jumpRuleArgs } from '../iptables/jump-rules.ts';
import { CommandError } from '../../exec/command.ts';
import type { IptablesRunner } from './iptables-runner.ts';

function fakeJump(rule: JumpRule): FakeJumpRule {
  const base = { table: rule.table, from: rule.srcChain, to: rule.dstChain, extraArgs: rule.extraArgs };
  return rule.comment === '' ? base : { ...base, comment: rule.comment };
}

/** A fake kernel for one family. */
export class FakeIptablesRunner implements IptablesRunner {
  readonly family: IPFamily;
  /** The current rules (replaced, never mutated, by each operation). */
  state: NetfilterState;
  /** Every payload offered to `restore`, accepted or not, oldest first. */
  readonly restores: string[] = [];
  #failures = 0;

  /** An empty kernel. */
  constructor(family: IPFamily = 'IPv4') {
    this.family = family;
    this.state = createNetfilterState(family === 'IPv6' ? 6 : 4);
  }

  /** Makes the next `count` restores fail as a refused transaction would. */
  failNextRestores(count = 1): void {
    this.#failures += count;
  }

  /** Applies the payload, or throws leaving the rules as they were. */
  restore(payload: string): Promise<void> {
    this.restores.push(payload);
    const argv = ['iptables-restore', '-w', '5', '--noflush'];
    if (this.#failures > 0) {
      this.#failures--;
      return Promise.reject(new CommandError(argv, { code: 1, stdout: '', stderr: 'injected failure' }));
    }
    try {
      this.state = applyRestore(this.state, payload, { noflush: true });
    } catch (error) {
      return Promise.reject(new CommandError(argv, { code: 2, stdout: '', stderr: String(error) }));
    }
    return Promise.resolve();
  }

  /** What `iptables-save -t table` prints (without the dated comment lines). */
  save(table: 'nat' | 'filter'): Promise<string> {
    return Promise.resolve(renderIptablesSave(this.state, { table, comments: false }));
  }

  /** `-N`, then `-C` / `-I` at position 1. */
  ensureJumpRule(rule: JumpRule): Promise<void> {
    this.state = ensureFakeJump(this.state, fakeJump(rule));
    return Promise.resolve();
  }

  /** `-D`: removes the first matching rule. */
  deleteJumpRule(rule: JumpRule): Promise<boolean> {
    const args = jumpRuleArgs(rule).join('\0');
    const next = cloneState(this.state);
    const chain = next.tables.get(rule.table)?.chains.get(rule.srcChain);
    const index = chain?.rules.findIndex((existing) => existing.args.join('\0') === args) ?? -1;
    if (chain === undefined || index < 0) return Promise.resolve(false);
    chain.rules.splice(index, 1);
    this.state = next;
    return Promise.resolve(true);
  }

  /** The whole `iptables-save` text, without the dated comment lines. */
  dump(): string {
    return renderIptablesSave(this.state, { comments: false });
  }
}
