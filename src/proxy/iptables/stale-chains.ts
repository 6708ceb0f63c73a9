/** Stale service-chain GC (reference §9.3): flush and delete per-service chains no longer in use. */
import { isServiceChainName } from './chain-names.ts';
import type { TableBuffer } from './restore-payload.ts';

/** When GC may run: always, except in large-cluster mode where it waits for the cleanup window. */
export interface StaleChainCleanupTiming {
  /** The render's notion of now, in milliseconds (an input: renderers read no clocks). */
  readonly nowMs: number;
  /** When GC last ran; null if it never did. */
  readonly lastCleanupMs: number | null;
  /** The sync period; in large-cluster mode GC runs at most once per period (listing the nat table is slow). */
  readonly syncPeriodMs: number;
}

/** Whether GC runs in this sync. */
export function staleChainCleanupDue(largeClusterMode: boolean, timing: StaleChainCleanupTiming): boolean {
  if (!largeClusterMode || timing.lastCleanupMs === null) return true;
  return timing.nowMs - timing.lastCleanupMs > timing.syncPeriodMs;
}

/**
 * Declares (which flushes) and `-X`-deletes every existing service chain that is not active. Other chains —
 * the fixed ones, or anybody else's — are never touched. Returns how many were deleted.
 */
export function deleteStaleChains(
  nat: TableBuffer,
  existing: ReadonlySet<string>,
  active: ReadonlySet<string>,
): number {
  let deleted = 0;
  for (const chain of existing) {
    if (active.has(chain) || !isServiceChainName(chain)) continue;
    nat.deleteChain(chain);
    deleted++;
  }
  return deleted;
}
