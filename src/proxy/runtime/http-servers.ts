/**
 * The runtime's HTTP listeners: the `/healthz` + `/livez` server, the `/metrics` server and the per-Service
 * health-check servers, all plain `node:http` on an address like `0.0.0.0:10256`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** Listens on `host:port` with `handler`. */
export function listenHttp(host: string, port: number, handler: Handler): Promise<ListeningServer> {
  const server = createServer(handler);
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

function send(response: ServerResponse, answer: HealthAnswer): void {
  // Go sets Content-Length on a small body written in one go; without it Node would send it chunked.
  response.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(Buffer.byteLength(answer.body)) });
  response.end(answer.body);
}

function notFound(response: ServerResponse): void {
  // Go's http.NotFound.
  response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  response.end('404 page not found\n');
}

/** Serves `/healthz` and `/livez` (kube-proxy's `--healthz-bind-address`). */
export function listenHealthz(address: string, health: ProxyHealth): Promise<ListeningServer> {
  const { host, port } = parseHostPort(address);
  return listenHttp(host, port, (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/healthz') send(response, health.healthz());
    else if (path === '/livez') send(response, health.livez());
    else notFound(response);
  });
}

/** Serves `/metrics` (and `/proxyMode`, as kube-proxy does) on `--metrics-bind-address`. */
export function listenMetrics(
  address: string,
  metrics: ProxyMetrics,
  proxyMode = 'iptables',
): Promise<ListeningServer> {
  const { host, port } = parseHostPort(address);
  return listenHttp(host, port, (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/proxyMode') {
      response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(proxyMode);
    } else if (path === '/metrics') {
      metrics.render().then(
        ({ contentType, body }) => {
          response.writeHead(200, { 'Content-Type': contentType });
          response.end(body);
        },
        (error: unknown) => {
          response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
          response.end(String(error));
        },
      );
    } else notFound(response);
  });
}

/** A `HealthListen` over `node:http`: every request, any path or method, gets the answer. */
export const listenServiceHealth: HealthListen = (host, port, answer) =>
  listenHttp(host, port, (_request, response) => {
    send(response, answer());
  });
