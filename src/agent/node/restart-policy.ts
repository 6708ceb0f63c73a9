/** Restart policy and kubelet's crash back-off. */

/** A pod's `spec.restartPolicy`. */
export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

/** Kubelet's first back-off delay. */
export const BACKOFF_INITIAL_MS = 10_000;
/** Kubelet's longest back-off delay. */
export const BACKOFF_MAX_MS = 300_000;
/** A container that ran this long before exiting starts its back-off afresh (kubelet: twice the maximum). */
export const BACKOFF_RESET_MS = 2 * BACKOFF_MAX_MS;

/** The policy `spec.restartPolicy` names; `Always` when unset or unknown. */
export function restartPolicyOf(value: string | undefined): RestartPolicy {
  return value === 'OnFailure' || value === 'Never' ? value : 'Always';
}

/** Whether a container that exited with `exitCode` is started again. */
export function shouldRestart(policy: RestartPolicy, exitCode: number): boolean {
  return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
}

/** The delay after `current`: the first restart is immediate, then 10 s doubling up to 5 min. */
export function nextBackOffMs(current: number): number {
  return current === 0 ? BACKOFF_INITIAL_MS : Math.min(current * 2, BACKOFF_MAX_MS);
}
