/**
 * The arithmetic of a rolling update, as upstream's deployment controller does it: resolving maxSurge and
 * maxUnavailable, how far the new ReplicaSet may grow, and how far the old ones may shrink.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';

/** How many pods above and below the desired count a rollout may go. */
export interface RolloutBounds {
  readonly maxSurge: number;
  readonly maxUnavailable: number;
}

/** An int-or-percent against `total`: percentages round up (`roundUp`) or down, as `GetScaledValueFromIntOrPercent`. */
export function scaledValue(value: number | string | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const percent = Number(value.replace(/%$/, ''));
  if (!Number.isFinite(percent)) return 0;
  const scaled = (percent * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** The Deployment's desired replicas (defaulted to 1). */
export function desiredReplicas(deployment: Deployment): number {
  return deployment.spec?.replicas ?? 1;
}

/** maxSurge rounded up, maxUnavailable rounded down; both zero would stall, so maxUnavailable becomes 1. */
export function rolloutBounds(deployment: Deployment): RolloutBounds {
  if (deployment.spec?.strategy?.type === 'Recreate')
    return { maxSurge: 0, maxUnavailable: desiredReplicas(deployment) };
  const rolling = deployment.spec?.strategy?.rollingUpdate;
  const replicas = desiredReplicas(deployment);
  const maxSurge = scaledValue(rolling?.maxSurge ?? '25%', replicas, true);
  const maxUnavailable = scaledValue(rolling?.maxUnavailable ?? '25%', replicas, false);
  return maxSurge === 0 && maxUnavailable === 0 ? { maxSurge, maxUnavailable: 1 } : { maxSurge, maxUnavailable };
}

const specReplicas = (rs: ReplicaSet): number => rs.spec?.replicas ?? 0;
const available = (rs: ReplicaSet): number => rs.status?.availableReplicas ?? 0;

/** `NewRSNewReplicas` for RollingUpdate: grow the new ReplicaSet while the total stays within replicas + maxSurge. */
export function newReplicaSetTarget(deployment: Deployment, newRS: ReplicaSet, all: readonly ReplicaSet[]): number {
  const replicas = desiredReplicas(deployment);
  const current = specReplicas(newRS);
  if (current >= replicas) return replicas;
  const total = all.reduce((sum, rs) => sum + specReplicas(rs), 0);
  const maxTotal = replicas + rolloutBounds(deployment).maxSurge;
  if (total >= maxTotal) return current;
  return current + Math.min(maxTotal - total, replicas - current);
}

/**
 * `reconcileOldReplicaSets`: how many old pods may go now without dropping below replicas − maxUnavailable available
 * pods. Returns each old ReplicaSet's new size (oldest shrinks first); unavailable old pods go before available ones.
 */
export function oldReplicaSetTargets(
  deployment: Deployment,
  newRS: ReplicaSet,
  olds: readonly ReplicaSet[],
): Map<ReplicaSet, number> {
  const targets = new Map<ReplicaSet, number>(olds.map((rs) => [rs, specReplicas(rs)]));
  const all = [newRS, ...olds];
  const minAvailable = desiredReplicas(deployment) - rolloutBounds(deployment).maxUnavailable;
  const newUnavailable = specReplicas(newRS) - available(newRS);
  let budget = all.reduce((sum, rs) => sum + specReplicas(rs), 0) - minAvailable - newUnavailable;
  // First the old pods that are not available anyway: removing them costs no availability.
  for (const rs of olds) {
    const unhealthy = Math.min(specReplicas(rs) - available(rs), Math.max(budget, 0));
    if (unhealthy <= 0) continue;
    targets.set(rs, specReplicas(rs) - unhealthy);
    budget -= unhealthy;
  }
  const availableNow = all.reduce((sum, rs) => sum + Math.min(available(rs), targets.get(rs) ?? specReplicas(rs)), 0);
  let scaleDown = Math.max(availableNow - minAvailable, 0);
  for (const rs of olds) {
    const current = targets.get(rs) ?? 0;
    const cut = Math.min(current, scaleDown);
    targets.set(rs, current - cut);
    scaleDown -= cut;
  }
  return targets;
}
