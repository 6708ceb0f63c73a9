/**
 * The runtime's HTTP listeners: the `/healthz` + `/livez` server, the `/metrics` server and the per-Service
 * health-check servers, on an address like `0.0.0.0:10256`. Each is a guarded server (`src/httpserver`): no
 * request target, body or handler failure can end the process, and every connection has timeouts.
 */
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGuardedServer, type GuardedHandler, type GuardOptions } from '../../httpserver/index.ts';
import type { ProxyMetrics } from './metrics.ts';
import type { HealthAnswer, ProxyHealth } from './proxy-health.ts';
import type { ClosableServer, HealthListen } from './service-health.ts';

/** A server listening on a port (the actual one when 0 was asked for). */
export interface ListeningServer extends ClosableServer {
  readonly port: number;
}

/** Splits `host:port` / `[v6]:port`; throws on anything else. */
export function parseHostPort(address: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(address);
  const port = Number(match?.[3]);
  if (match === null || port > 65535) throw new Error(`invalid address "${address}": want host:port`);
  const host = match[1] ?? match[2] ?? '';
  return { host: host === '' ? '0.0.0.0' : host, port };
}

/**
 * Health and metrics listeners take no request body (a small probe never sends one) and answer every method, as
 * upstream's `http.ServeMux` handlers do; the timeouts are short because every answer is immediate.
 */
export const probeGuard: GuardOptions = {
  maxBodyBytes: 0,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 10_000,
  idleTimeoutMs: 60_000,
};

/** The probe guard, reporting handler failures to `onError` when given. */
export function guardWith(onError: ((message: string) => void) | undefined): GuardOptions {
  return onError === undefined ? probeGuard : { ...probeGuard, onError };
}

/** Listens on `host:port` with `handler` behind the guards. */
export function listenHttp(
  host: string,
  port: number,
  handler: GuardedHandler,
  options: GuardOptions = probeGuard,
): Promise<ListeningServer> {
  const server = createGuardedServer(handler, options);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => {
              done();
            });
            server.closeAllConnections();
          }),
      });
    });
  });
}

/**
 * The path as Go's `url.URL.Path` holds it (percent-escapes decoded), or undefined when an escape is invalid
 * (Go's server answers those with 400 before any handler runs).
 */
export function decodedPath(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

function send(response: ServerResponse, answer: HealthAnswer): void {
  // Go sets Content-Length on a small body written in one go; without it Node would send it chunked.
  response.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(Buffer.byteLength(answer.body)) });
  response.end(answer.body);
}

function plainText(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': String(Buffer.byteLength(body)),
  });
  response.end(body);
}

/** Routes by exact path as `http.ServeMux` does; anything else is Go's `http.NotFound`. */
function route(routes: Readonly<Record<string, (response: ServerResponse) => void | Promise<void>>>): GuardedHandler {
  return (_request, response, target) => {
    const path = decodedPath(target.path);
    if (path === undefined) {
      plainText(response, 400, '400 Bad Request');
      return undefined;
    }
    const serve = Object.hasOwn(routes, path) ? routes[path] : undefined;
    if (serve === undefined) {
      plainText(response, 404, '404 page not found\n');
      return undefined;
    }
    return serve(response);
  };
}

/** What the health server reads: the two answers (a `ProxyHealth`, or a fake in tests). */
export type HealthSource = Pick<ProxyHealth, 'healthz' | 'livez'>;

/** Serves `/healthz` and `/livez` (kube-proxy's `--healthz-bind-address`); `onError` hears handler failures. */
export function listenHealthz(
  address: string,
  health: HealthSource,
  onError?: (message: string) => void,
): Promise<ListeningServer> {
  const { host, port } = parseHostPort(address);
  return listenHttp(
    host,
    port,
    route({
      '/healthz': (response) => {
        send(response, health.healthz());
      },
      '/livez': (response) => {
        send(response, health.livez());
      },
    }),
    guardWith(onError),
  );
}

/** What the metrics server reads: the exposition (a `ProxyMetrics`, or a fake in tests). */
export type MetricsSource = Pick<ProxyMetrics, 'render'>;

/** Serves `/metrics` (and `/proxyMode`, as kube-proxy does) on `--metrics-bind-address`. */
export function listenMetrics(
  address: string,
  metrics: MetricsSource,
  proxyMode = 'iptables',
  onError?: (message: string) => void,
): Promise<ListeningServer> {
  const { host, port } = parseHostPort(address);
  return listenHttp(
    host,
    port,
    route({
      '/proxyMode': (response) => {
        // Go's Fprintf with a sniffed type: no nosniff header on this one.
        response.writeHead(200, {
          'Content-Type': 'text/plain; charset=utf-8',
          'Content-Length': String(Buffer.byteLength(proxyMode)),
        });
        response.end(proxyMode);
      },
      // A failing render rejects: the guard answers 500 and logs it.
      '/metrics': async (response) => {
        const { contentType, body } = await metrics.render();
        response.writeHead(200, { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(body)) });
        response.end(body);
      },
    }),
    guardWith(onError),
  );
}

/** A `HealthListen` over a guarded server: every request, any path or method, gets the answer. */
export function serviceHealthListener(
  onError?: (message: string) => void,
): (...args: Parameters<HealthListen>) => Promise<ListeningServer> {
  return (host, port, answer) =>
    listenHttp(
      host,
      port,
      (_request, response) => {
        send(response, answer());
      },
      guardWith(onError),
    );
}

/** `serviceHealthListener` reporting to stderr. */
export const listenServiceHealth: HealthListen = serviceHealthListener();
