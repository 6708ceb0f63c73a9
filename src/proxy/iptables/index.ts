/** The iptables renderer: snapshot + config → `iptables-restore --noflush` payload, plus its fixed data. */
export { renderIptablesRestore } from './render.ts';
export type { RenderOptions, RenderResult, RenderStats, SyncKind, SyncRequest } from './render.ts';
export { defaultRenderConfig, masqueradeMarkForBit } from './config.ts';
export type { LocalDetectorConfig, RenderConfig } from './config.ts';
export { staleChainCleanupDue, type StaleChainCleanupTiming } from './stale-chains.ts';
export {
  endpointChainName,
  hash16,
  isServiceChainName,
  servicePortChains,
  type ChainNameCache,
} from './chain-names.ts';
export { iptablesJumpRules, jumpRuleArgs, kubeletJumpRules, type JumpRule } from './jump-rules.ts';
export * as iptablesConstants from './constants.ts';
