/**
 * Authentication, authorization and node admission at the HTTP edge, as fastify hooks.
 *
 * `onRequest` (before any body is read): GET and HEAD of `/healthz`, `/livez`, `/readyz` are answered without
 * credentials and may carry no body (413); everything else needs a bearer token (401) that may do what it asks
 * (403, upstream's words). `preHandler` (the body read): a node's writes pass NodeRestriction.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Status } from '../../api/status.ts';
import { type RequestAttributes, requestAttributes } from '../auth/attributes.ts';
import { authorize } from '../auth/authorizer.ts';
import { authorizationDenied } from '../auth/forbidden.ts';
import { admitNodeRequest } from '../auth/node-restriction.ts';
import type { Authenticator } from '../auth/users.ts';
import { isHealthPath } from '../handlers/system.ts';
import type { ServerContext } from '../handlers/types.ts';
import { httpErrorStatus } from './responses.ts';
import { unauthorizedStatus } from './unauthorized.ts';

/** What the hooks need. */
export interface AuthOptions {
  readonly authenticate: Authenticator;
  readonly context: ServerContext;
}

/** A node's request waiting for its body to be admitted. */
interface PendingAdmission {
  readonly nodeName: string;
  readonly attributes: RequestAttributes;
}

const healthBodyRefused = httpErrorStatus({ statusCode: 413, message: 'Request entity too large: limit is 0' });

function pathOf(url: string): string {
  const end = url.indexOf('?');
  return end === -1 ? url : url.slice(0, end);
}

function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function hasBody(request: FastifyRequest): boolean {
  const length = headerOf(request, 'content-length');
  return headerOf(request, 'transfer-encoding') !== undefined || (length !== undefined && length.trim() !== '0');
}

function sendStatus(reply: FastifyReply, status: Status, closeConnection = false): FastifyReply {
  // Closing the connection spares reading a body the request will never use.
  if (closeConnection) reply.header('connection', 'close');
  return reply
    .code(status.code)
    .header('content-type', 'application/json')
    .send(Buffer.from(JSON.stringify(status)));
}

/** Registers the hooks on `app`. */
export function installAuth(app: FastifyInstance, options: AuthOptions): void {
  const pending = new WeakMap<FastifyRequest, PendingAdmission>();
  app.addHook('onRequest', (request, reply, done) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && isHealthPath(pathOf(request.url))) {
      if (hasBody(request)) sendStatus(reply, healthBodyRefused, true);
      else done();
      return;
    }
    const user = options.authenticate(headerOf(request, 'authorization'));
    if (user === undefined) {
      sendStatus(reply, unauthorizedStatus, hasBody(request));
      return;
    }
    const attributes = requestAttributes(request.method, request.url);
    const decision = authorize(user, attributes);
    if (!decision.allowed) {
      sendStatus(reply, authorizationDenied(user, attributes, decision.reason), hasBody(request));
      return;
    }
    if (user.nodeName !== undefined) pending.set(request, { nodeName: user.nodeName, attributes });
    done();
  });
  app.addHook('preHandler', async (request, reply) => {
    const admission = pending.get(request);
    if (admission === undefined) return;
    const body = Buffer.isBuffer(request.body) ? request.body : undefined;
    const input = { context: options.context, contentType: headerOf(request, 'content-type'), body };
    const denied = await admitNodeRequest(admission.nodeName, admission.attributes, input);
    return denied === undefined ? undefined : sendStatus(reply, denied);
  });
}
