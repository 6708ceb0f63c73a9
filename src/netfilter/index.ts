/** Public surface of the netfilter package: parsing, the fake kernel, `iptables-save` rendering, the tracer. */
export { BUILTIN_CHAINS, BUILTIN_TARGETS, KUBE_CHAIN, TABLE } from './constants.ts';
export { NetfilterError, type NetfilterErrorCode } from './errors.ts';
export { addressFamily, formatNetworkForSave, parseNetwork, type IpFamily } from './ip.ts';
export { joinWords, quoteSaveString, quoteWord, splitRuleWords, tokenizeRuleLine, type Word } from './tokenize.ts';
export type * from './rule.ts';
export { findModule, ruleComment } from './rule.ts';
export { parseRuleLine, parseRuleWords } from './parse-rule.ts';
export {
  parseIptablesText,
  type ChainDeclaration,
  type ParsedDump,
  type ParsedTable,
  type TableCommand,
} from './parse-dump.ts';
export { formatDump, formatRestoreRule } from './serialize.ts';
export { canonicalizeRestorePayload } from './canonical.ts';
export { chainRules, createNetfilterState, type ChainState, type NetfilterState, type TableState } from './state.ts';
export { applyRestore, guessFamily, stateFromText, type RestoreOptions } from './restore.ts';
export {
  addCanaryChains,
  addKubeProxyJumpRules,
  ensureJumpRule,
  KUBE_PROXY_JUMP_RULES,
  KUBE_FIREWALL_JUMP_RULES,
  type JumpRule,
  type JumpRuleOptions,
} from './jump-rules.ts';
export { renderSavedProbability, storedProbability } from './probability.ts';
export { renderSaveRule, restoreLineToSaveLine } from './save-rule.ts';
export { formatCtime, renderIptablesSave, type SaveOptions } from './save.ts';
export { FakeIptables } from './fake-iptables.ts';
export type { PacketInput } from './packet.ts';
export {
  tracePacket,
  traceUpstream,
  type TraceEndpoint,
  type TraceOptions,
  type TraceResult,
  type TraceStep,
  type TraceVerdict,
  type UpstreamFlow,
  type UpstreamTraceResult,
} from './trace.ts';
export { formatTrace, type FormatTraceOptions } from './format-trace.ts';
