/**
 * The API server listener's timeouts, and the requests exempt from them.
 *
 * Node applies them this way (fastify only passes them on): `headersTimeout` and `requestTimeout` bound the time to
 * *receive* a request's headers and whole body (the connection stops being checked once the request is complete, so
 * neither ever cuts a response); `keepAliveTimeout` bounds the wait for the next request on a kept-alive connection;
 * the socket timeout (`connectionTimeout`, the idle timeout) fires after that long without any traffic either way,
 * which would cut a quiet watch — so long-running requests (watches, `pods/log`, as upstream's long-running check
 * names them) turn it off for their connection.
 */
import type { FastifyRequest } from 'fastify';
import { requestAttributes } from '../auth/attributes.ts';

/** How long a client may take, in milliseconds. */
export interface ListenerTimeouts {
  /** To send the request headers (Go's `ReadHeaderTimeout` in kube-apiserver is 32 s). */
  readonly headersMs: number;
  /** To send the whole request, headers and body. */
  readonly requestMs: number;
  /** Without any traffic on a connection during a request (long-running requests excepted). */
  readonly idleMs: number;
  /** Between requests on a kept-alive connection. */
  readonly keepAliveMs: number;
}

/** The timeouts `portico apiserver` uses. */
export const defaultListenerTimeouts: ListenerTimeouts = {
  headersMs: 32_000,
  requestMs: 60_000,
  idleMs: 120_000,
  keepAliveMs: 90_000,
};

/** The fastify options of a listener with these timeouts, over HTTPS when `tls` is given. */
export function listenerOptions(
  timeouts: Partial<ListenerTimeouts> | undefined,
  tls: { readonly cert: string; readonly key: string } | undefined,
): Record<string, unknown> {
  const t = { ...defaultListenerTimeouts, ...timeouts };
  const headersMs = Math.min(t.headersMs, t.requestMs);
  // Node checks header and request deadlines on this interval (30 s by default): scaled with the timeouts.
  const serverOptions = {
    headersTimeout: headersMs,
    requestTimeout: t.requestMs,
    connectionsCheckingInterval: Math.max(10, Math.min(30_000, Math.floor(headersMs / 4))),
  };
  return {
    connectionTimeout: t.idleMs,
    keepAliveTimeout: t.keepAliveMs,
    requestTimeout: t.requestMs,
    ...(tls === undefined ? { http: serverOptions } : { https: { ...serverOptions, cert: tls.cert, key: tls.key } }),
  };
}

/** Whether a request may stream for as long as it likes (upstream: watches and the `log` subresource, among others). */
export function isLongRunning(method: string, url: string): boolean {
  const attributes = requestAttributes(method, url);
  return attributes.isResourceRequest && (attributes.verb === 'watch' || attributes.subresource === 'log');
}

/** Turns the idle timeout off for a long-running request's connection (the next request on it sets it again). */
export function exemptLongRunning(request: FastifyRequest): void {
  if (isLongRunning(request.method, request.url)) request.raw.socket.setTimeout(0);
}
