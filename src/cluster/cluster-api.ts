/** What `up` asks of the cluster's API server while it builds: plain reads and creates over the kubeconfig. */
import { AppsV1Api, CoreV1Api, type KubeConfig, type V1Deployment, type V1Node } from '@kubernetes/client-node';
import type { Deployment } from 'kubernetes-types/apps/v1.d.ts';
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { setTimeout as sleep } from 'node:timers/promises';

/** A wait that ran out of time; the message says what was awaited and what was last seen. */
export class ClusterWaitError extends Error {
  override readonly name = 'ClusterWaitError';
}

/** How long a wait may take, and what cuts it short (Ctrl-C). */
export interface WaitLimits {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/**
 * Polls `check` every `intervalMs` until it returns a value, or throws after the timeout with `what` and the
 * last failure, so a stuck step says why; an aborted signal ends the wait with its reason.
 */
export async function waitFor<T>(
  what: string,
  limits: WaitLimits,
  check: () => Promise<T | undefined>,
  intervalMs = 250,
): Promise<T> {
  const { timeoutMs, signal } = limits;
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    signal?.throwIfAborted();
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline)
      throw new ClusterWaitError(`timed out after ${timeoutMs / 1000}s waiting for ${what} (${last})`);
    await sleep(intervalMs);
  }
}

/** The few API calls `up` makes. */
export class ClusterApi {
  private readonly core: CoreV1Api;
  private readonly apps: AppsV1Api;

  constructor(kubeConfig: KubeConfig) {
    this.core = kubeConfig.makeApiClient(CoreV1Api);
    this.apps = kubeConfig.makeApiClient(AppsV1Api);
  }

  async nodes(): Promise<V1Node[]> {
    return (await this.core.listNode()).items;
  }

  async createDeployment(deployment: Deployment): Promise<void> {
    await this.apps.createNamespacedDeployment({ namespace: 'default', body: deployment as never });
  }

  deployment(name: string): Promise<V1Deployment> {
    return this.apps.readNamespacedDeployment({ name, namespace: 'default' });
  }

  async createService(service: Service): Promise<void> {
    await this.core.createNamespacedService({ namespace: 'default', body: service as never });
  }
}
