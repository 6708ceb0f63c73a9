/** How long a deleted Pod may take to stop: upstream's pod strategy `CheckGracefulDelete`. */
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import type { KubeObject } from './strategy.ts';

/** `terminationGracePeriodSeconds` when the spec names none. */
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;

/**
 * The longest period a deletion deadline is given (about 68 years): a valid int64 period beyond it would put the
 * deadline past what a timestamp can hold.
 */
export const MAX_GRACE_PERIOD_SECONDS = 2 ** 31 - 1;

/**
 * The requested period, else the pod's `terminationGracePeriodSeconds`, else 30; 0 for a pod no node runs (unbound,
 * or already finished), since nothing has to stop; a negative period becomes 1, as upstream rounds it, and one past
 * `MAX_GRACE_PERIOD_SECONDS` is capped there.
 */
export function podGracePeriodSeconds(object: KubeObject, requested: number | undefined): number {
  const pod = object as Pod;
  const own = pod.spec?.terminationGracePeriodSeconds;
  let period = requested ?? (typeof own === 'number' ? own : DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS);
  if ((pod.spec?.nodeName ?? '') === '') period = 0;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') period = 0;
  return period < 0 ? 1 : Math.min(period, MAX_GRACE_PERIOD_SECONDS);
}
