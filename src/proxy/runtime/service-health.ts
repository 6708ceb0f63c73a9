/**
 * Health-check node ports (reference §12.1, upstream `service_health.go`): one HTTP server per Service with a
 * `healthCheckNodePort`, answering any path and method with 200 when the node has local ready endpoints and
 * kube-proxy is healthy, else 503, with upstream's exact JSON body and headers.
 */
import type { HealthAnswer } from './proxy-health.ts';

/** A listening server that can be closed. */
export interface ClosableServer {
  close(): Promise<void>;
}

/** Opens a server on `host:port` that answers every request with `answer()`. */
export type HealthListen = (host: string, port: number, answer: () => HealthAnswer) => Promise<ClosableServer>;

/**
 * The body upstream writes (a dedented `%q`-formatted template: tabs, no trailing newline).
 *
 * @example
 * serviceHealthBody('default', 'web', 1, true).length // 114
 */
export function serviceHealthBody(namespace: string, name: string, localEndpoints: number, healthy: boolean): string {
  return [
    '{',
    '\t"service": {',
    `\t\t"namespace": ${JSON.stringify(namespace)},`,
    `\t\t"name": ${JSON.stringify(name)}`,
    '\t},',
    `\t"localEndpoints": ${localEndpoints},`,
    `\t"serviceProxyHealthy": ${String(healthy)}`,
    '}',
  ].join('\n');
}

/** The answer for one Service. */
export function serviceHealthAnswer(
  namespacedName: string,
  localEndpoints: number,
  proxyHealthy: boolean,
): HealthAnswer {
  const slash = namespacedName.indexOf('/');
  const namespace = namespacedName.slice(0, slash);
  const name = namespacedName.slice(slash + 1);
  return {
    status: localEndpoints !== 0 && proxyHealthy ? 200 : 503,
    headers: {
      'Content-Type': 'application/json',
      'X-Content-Type-Options': 'nosniff',
      'X-Load-Balancing-Endpoint-Weight': String(localEndpoints),
    },
    body: serviceHealthBody(namespace, name, localEndpoints, proxyHealthy),
  };
}

interface Instance {
  readonly port: number;
  readonly servers: ClosableServer[];
  endpoints: number;
}

/** Opens, keeps and closes the per-Service health-check servers. */
export class ServiceHealthServers {
  readonly #instances = new Map<string, Instance>();
  readonly #addresses: readonly string[];
  readonly #listen: HealthListen;
  readonly #proxyHealthy: () => boolean;
  readonly #log: (message: string) => void;

  /** Servers listen on each of `addresses` (e.g. `['0.0.0.0']`). */
  constructor(options: {
    readonly addresses: readonly string[];
    readonly listen: HealthListen;
    readonly proxyHealthy: () => boolean;
    readonly log: (message: string) => void;
  }) {
    this.#addresses = options.addresses;
    this.#listen = options.listen;
    this.#proxyHealthy = options.proxyHealthy;
    this.#log = options.log;
  }

  /** The Services being served and their ports. */
  get ports(): ReadonlyMap<string, number> {
    return new Map([...this.#instances].map(([name, instance]) => [name, instance.port]));
  }

  /** Makes the set of servers match `wanted` (`namespace/name` → port): closes stale ones, opens new ones. */
  async syncServices(wanted: ReadonlyMap<string, number>): Promise<void> {
    for (const [name, instance] of [...this.#instances]) {
      if (wanted.get(name) === instance.port) continue;
      this.#instances.delete(name);
      await Promise.all(instance.servers.map((server) => server.close()));
    }
    for (const [name, port] of wanted) {
      if (this.#instances.has(name)) continue;
      const instance: Instance = { port, servers: [], endpoints: 0 };
      try {
        for (const host of this.#addresses) {
          instance.servers.push(await this.#listen(host, port, () => this.answer(name)));
        }
        this.#instances.set(name, instance);
      } catch (error) {
        // Upstream records a FailedToStartServiceHealthcheck event and tries again on the next sync.
        await Promise.all(instance.servers.map((server) => server.close()));
        this.#log(`failed to start healthcheck "${name}" on port ${port}: ${(error as Error).message}`);
      }
    }
  }

  /** Sets the local ready endpoint counts; Services not listed have none. */
  syncEndpoints(counts: ReadonlyMap<string, number>): void {
    for (const [name, instance] of this.#instances) instance.endpoints = counts.get(name) ?? 0;
  }

  /** The answer the Service's server gives now. */
  answer(namespacedName: string): HealthAnswer {
    const count = this.#instances.get(namespacedName)?.endpoints ?? 0;
    return serviceHealthAnswer(namespacedName, count, this.#proxyHealthy());
  }

  /** Closes every server. */
  async close(): Promise<void> {
    const instances = [...this.#instances.values()];
    this.#instances.clear();
    await Promise.all(instances.flatMap((instance) => instance.servers.map((server) => server.close())));
  }
}
