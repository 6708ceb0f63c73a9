/**
 * A fake `iptables` for tests and dry runs: it holds a rule set, takes `iptables-restore` input with kube-proxy's
 * `--noflush` semantics (all or nothing), can add kube-proxy's jump rules, and prints `iptables-save` output.
 */
import type { IpFamily } from './ip.ts';
import { addKubeProxyJumpRules, type JumpRuleOptions } from './jump-rules.ts';
import { applyRestore, type RestoreOptions } from './restore.ts';
import { renderIptablesSave, type SaveOptions } from './save.ts';
import { createNetfilterState, type NetfilterState } from './state.ts';

/** A mutable holder around the pure state functions. */
export class FakeIptables {
  #state: NetfilterState;
  /** Every payload restored successfully, oldest first. */
  readonly restored: string[] = [];

  /** Starts empty (tables appear when first used) for the given family. */
  constructor(family: IpFamily = 4) {
    this.#state = createNetfilterState(family);
  }

  /** The current rule set (treat as read-only). */
  get state(): NetfilterState {
    return this.#state;
  }

  /** `iptables-restore [--noflush]`: applies `text` or throws `NetfilterError`, leaving the rules unchanged. */
  restore(text: string, options: RestoreOptions = {}): void {
    this.#state = applyRestore(this.#state, text, options);
    this.restored.push(text);
  }

  /** Ensures kube-proxy's jump rules from builtin chains, as a full sync does before restoring. */
  ensureJumpRules(options: JumpRuleOptions = {}): void {
    this.#state = addKubeProxyJumpRules(this.#state, options);
  }

  /** `iptables-save` of the current rules. */
  save(options: SaveOptions = {}): string {
    return renderIptablesSave(this.#state, options);
  }
}
