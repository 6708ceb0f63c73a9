/**
 * A `node:http` server that no request can bring down: the request target is parsed without throwing, a handler
 * that throws (or rejects) is answered with a 500 and logged, malformed requests get a 400 from Node itself, bodies
 * are refused where a server takes none, and every connection has header, request and idle timeouts.
 *
 * Every small listener in Portico (kube-proxy's health and metrics, health-check node ports, the kubelet endpoint,
 * the built-in images) is built on this, so the hardening lives in one place.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** The request target, split without ever throwing. */
export interface RequestTarget {
  /** The path as sent (not decoded); `/` for an empty one. */
  readonly path: string;
  readonly query: URLSearchParams;
}

/** A request handler: may be async; whatever it throws becomes a 500. */
export type GuardedHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  target: RequestTarget,
) => void | Promise<void>;

/** How a guarded server behaves; every field has a safe default. */
export interface GuardOptions {
  /** Methods served; others get 405. Default: every method. */
  readonly methods?: readonly string[];
  /** Largest request body accepted, in bytes (the handler reads it). Default 0: a request with a body gets 413. */
  readonly maxBodyBytes?: number;
  /** Time to receive the request headers. Default 10 s. */
  readonly headersTimeoutMs?: number;
  /** Time to receive the whole request (not the response: streams may run longer). Default 30 s. */
  readonly requestTimeoutMs?: number;
  /** An idle connection (no bytes either way) is closed after this. Default 120 s; 0 turns it off for streams. */
  readonly idleTimeoutMs?: number;
  /** Where failures are reported (the client sees no detail). Default: stderr. */
  readonly onError?: (message: string) => void;
}

const defaultTimeouts = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, idleTimeoutMs: 120_000 };

/** Splits a request target (`/path?query`, or absolute-form `http://host/path?query`) without throwing. */
export function parseRequestTarget(raw: string | undefined): RequestTarget | undefined {
  let target = raw ?? '/';
  if (!target.startsWith('/')) {
    const scheme = /^https?:\/\/[^/?#]*/i.exec(target);
    if (scheme === null) return undefined;
    target = target.slice(scheme[0].length);
    if (target === '' || target.startsWith('?')) target = `/${target}`;
    if (!target.startsWith('/')) return undefined;
  }
  const hash = target.indexOf('#');
  if (hash !== -1) target = target.slice(0, hash);
  const mark = target.indexOf('?');
  const path = mark === -1 ? target : target.slice(0, mark);
  return { path, query: new URLSearchParams(mark === -1 ? '' : target.slice(mark + 1)) };
}

function plain(response: ServerResponse, code: number, text: string, close = false): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const headers: Record<string, string> = {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': String(Buffer.byteLength(text)),
  };
  if (close) headers['Connection'] = 'close';
  response.writeHead(code, headers);
  response.end(text);
}

function declaredBody(request: IncomingMessage): number | undefined {
  if (request.headers['transfer-encoding'] !== undefined) return Number.POSITIVE_INFINITY;
  const length = request.headers['content-length'];
  return length === undefined ? undefined : Number(length);
}

function rejectRequest(request: IncomingMessage, response: ServerResponse, options: GuardOptions): boolean {
  const methods = options.methods;
  if (methods !== undefined && !methods.includes(request.method ?? '')) {
    response.setHeader('Allow', methods.join(', '));
    plain(response, 405, 'Method Not Allowed\n');
    return true;
  }
  const body = declaredBody(request);
  if (body !== undefined && body > (options.maxBodyBytes ?? 0)) {
    // The body is never read: close the connection so it cannot be taken for the next request.
    plain(response, 413, 'Request Entity Too Large\n', true);
    return true;
  }
  return false;
}

function runHandler(
  handler: GuardedHandler,
  request: IncomingMessage,
  response: ServerResponse,
  options: GuardOptions,
): void {
  const report = options.onError ?? ((message: string) => process.stderr.write(`${message}\n`));
  const fail = (error: unknown): void => {
    report(`http: handler failed for ${request.method ?? '?'} ${request.url ?? ''}: ${String(error)}`);
    plain(response, 500, 'Internal Server Error\n');
  };
  const target = parseRequestTarget(request.url);
  if (target === undefined) {
    plain(response, 400, '400 Bad Request: malformed request target\n');
    return;
  }
  if (rejectRequest(request, response, options)) return;
  try {
    const pending = handler(request, response, target);
    if (pending !== undefined) pending.catch(fail);
  } catch (error) {
    fail(error);
  }
}

/** A server with `handler` behind every guard; call `listen` on it as usual. */
export function createGuardedServer(handler: GuardedHandler, options: GuardOptions = {}): Server {
  const timeouts = { ...defaultTimeouts, ...options };
  const server = createServer(
    { headersTimeout: timeouts.headersTimeoutMs, requestTimeout: timeouts.requestTimeoutMs },
    (request, response) => {
      runHandler(handler, request, response, options);
    },
  );
  server.keepAliveTimeout = 5_000;
  server.on('connection', (socket: Socket) => {
    if (timeouts.idleTimeoutMs > 0) socket.setTimeout(timeouts.idleTimeoutMs, () => socket.destroy());
  });
  // Garbage on the wire: answer 400 when the socket can still take it, and never let the error escape.
  server.on('clientError', (_error, socket: Socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  return server;
}
