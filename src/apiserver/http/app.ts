/**
 * The fastify application: bodies kept raw (each handler decodes by media type), authentication, authorization
 * and node admission on everything but the health checks (`auth.ts`), listener timeouts (`listener.ts`), one
 * catch-all route that hands paths to the system endpoints or the resource router, and every failure answered as
 * a `Status`.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { internalError } from '../../api/status.ts';
import { dispatch, isWatch } from '../handlers/dispatch.ts';
import { type SystemState, handleSystemPath } from '../handlers/system.ts';
import type { ApiRequest, ApiResponse } from '../handlers/types.ts';
import { parseResourcePath } from '../routing/paths.ts';
import { type WatchContext, startWatch } from '../watch/serve-watch.ts';
import { servePodLog } from './pod-log-proxy.ts';
import { parseQuery } from './query.ts';
import { MAX_REQUEST_BODY_BYTES, endpointsWarning, httpErrorStatus, pathNotFound } from './responses.ts';
import type { Authenticator } from '../auth/users.ts';
import { installAuth } from './auth.ts';
import { type ListenerTimeouts, exemptLongRunning, listenerOptions } from './listener.ts';

/** What the application needs to serve. */
export interface AppOptions {
  readonly context: WatchContext;
  readonly system: SystemState;
  /** Who a request's Authorization header says it is from (undefined: 401). */
  readonly authenticate: Authenticator;
  /** The bearer token sent to kubelet endpoints (upstream's kubelet client credential). */
  readonly kubeletClientToken: string;
  /** The listener's timeouts; `defaultListenerTimeouts` for what is not given. */
  readonly timeouts?: Partial<ListenerTimeouts>;
  readonly tls?: { readonly cert: string; readonly key: string };
  /** How long a kubelet may take to answer a `pods/log` request (default 30 s). */
  readonly kubeletTimeoutMs?: number;
  /** Told about failures that became a 500 (the client sees no detail, so the operator should). */
  readonly onInternalError?: (error: unknown) => void;
}

function send(reply: FastifyReply, response: ApiResponse): FastifyReply {
  const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
  // A Buffer, so fastify sends the Content-Type exactly as given (client-go matches discovery's byte for byte).
  return reply
    .code(response.code)
    .header('content-type', response.contentType ?? 'application/json')
    .send(Buffer.from(text));
}

function pathOf(url: string): string {
  const end = url.indexOf('?');
  return end === -1 ? url : url.slice(0, end);
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

async function serve(options: AppOptions, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const path = pathOf(request.url);
  const accept = header(request, 'accept');
  if (request.method === 'GET' || request.method === 'HEAD') {
    const system = handleSystemPath(path, accept, options.system);
    if (system !== undefined) return send(reply, system);
  }
  const route = parseResourcePath(path);
  if (route === undefined) return send(reply, { code: 404, body: pathNotFound });
  const query = parseQuery(request.url);
  if (!query.ok) return send(reply, { code: query.status.code, body: query.status });
  const body = Buffer.isBuffer(request.body) ? request.body : undefined;
  const apiRequest: ApiRequest = {
    method: request.method,
    route,
    query: query.value,
    accept,
    contentType: header(request, 'content-type'),
    body,
  };
  // pods/log streams the kubelet's answer (`http/pod-log-proxy.ts`).
  if (route.subresource === 'log') {
    const proxy = {
      context: options.context,
      token: options.kubeletClientToken,
      send: (r: ApiResponse) => send(reply, r),
      ...(options.kubeletTimeoutMs === undefined ? {} : { timeoutMs: options.kubeletTimeoutMs }),
    };
    return servePodLog(proxy, apiRequest, request.url, reply);
  }
  const isEndpoints = route.info.group === '' && route.info.plural === 'endpoints';
  if (isEndpoints) reply.header('warning', endpointsWarning);
  if (isWatch(apiRequest)) return serveWatch(options, apiRequest, reply, isEndpoints);
  return send(reply, await dispatch(options.context, apiRequest));
}

async function serveWatch(
  options: AppOptions,
  request: ApiRequest,
  reply: FastifyReply,
  isEndpoints: boolean,
): Promise<FastifyReply> {
  const headers = isEndpoints ? { warning: endpointsWarning } : {};
  const started = startWatch(options.context, request, headers);
  if (!('run' in started)) return send(reply, started);
  // From here the response is ours: fastify must not send anything of its own.
  reply.hijack();
  try {
    await started.run(reply.raw);
  } catch (error) {
    options.onInternalError?.(error);
    reply.raw.destroy();
  }
  return reply;
}

/** Builds (but does not start) the application. */
export function buildApp(options: AppOptions): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_REQUEST_BODY_BYTES,
    forceCloseConnections: true,
    ...listenerOptions(options.timeouts, options.tls),
  }) as unknown as FastifyInstance;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, payload, done) => {
    done(null, payload);
  });
  installAuth(app, { authenticate: options.authenticate, context: options.context });
  app.addHook('onRequest', (request, _reply, done) => {
    exemptLongRunning(request);
    done();
  });
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = httpErrorStatus(error);
    return send(reply, { code: status.code, body: status });
  });
  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    url: '/*',
    handler: async (request, reply) => {
      try {
        return await serve(options, request, reply);
      } catch (error) {
        options.onInternalError?.(error);
        const status = internalError('an unexpected error occurred while serving the request');
        return send(reply, { code: 500, body: status });
      }
    },
  });
  return app;
}
