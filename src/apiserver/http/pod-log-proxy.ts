/**
 * Serving `pods/log`: the request goes to the Node's kubelet endpoint with the server's own bearer token, and the
 * kubelet's answer comes back — a 2xx streamed as `text/plain` (flushed as it arrives, for `follow`), anything else
 * turned into a Status the way kube-apiserver's `GenericHttpResponseChecker` does.
 */
import * as http from 'node:http';
import type { FastifyReply } from 'fastify';
import { type Status, type StatusReason, badRequest, internalError, methodNotAllowed } from '../../api/status.ts';
import { locatePodLog, unknownReasonStatus } from '../handlers/pod-log.ts';
import type { ApiRequest, ApiResponse, ServerContext } from '../handlers/types.ts';

// kube-apiserver reads at most this much of a failed backend answer.
const MAX_ERROR_BODY = 50_000;

const genericMessages: Readonly<Record<number, { reason?: StatusReason; message: string }>> = {
  400: { reason: 'BadRequest', message: 'the server rejected our request for an unknown reason' },
  401: { reason: 'Unauthorized', message: 'the server has asked for the client to provide credentials' },
  404: { reason: 'NotFound', message: 'the server could not find the requested resource' },
  405: { reason: 'MethodNotAllowed', message: 'the server does not allow this method on the requested resource' },
  409: { reason: 'Conflict', message: 'the server reported a conflict' },
  422: { reason: 'Invalid', message: 'the server rejected our request due to an error in our request' },
  429: { message: 'the server has received too many requests and has asked us to try again later' },
  504: {
    reason: 'Timeout',
    message: 'the server was unable to return a response in the time allotted, but may still be processing the request',
  },
};

/** The Status for a kubelet's non-2xx answer `body` about pod `name` (upstream's `GenericHttpResponseChecker`). */
export function kubeletErrorStatus(code: number, body: string, name: string): Status {
  if (code === 500) return internalError(body);
  if (code === 400) return badRequest(body);
  let { reason, message } = genericMessages[code] ?? {
    message: `the server responded with the status code ${code} but did not return more information`,
  };
  if (code === 403) ({ reason, message } = { reason: 'Forbidden', message: body });
  else if (code > 500 && code !== 504) {
    ({ reason, message } = {
      reason: 'InternalError',
      message: `an error on the server (${JSON.stringify(body)}) has prevented the request from succeeding`,
    });
  }
  // The verb is empty here, hence the space after the parenthesis, as upstream prints it.
  return unknownReasonStatus(code, `${message} ( pods/log ${name})`, { name, kind: 'pods/log' }, reason);
}

/** Go's wording for a connection failure, which is what kubectl users know. */
function dialError(url: URL, error: NodeJS.ErrnoException): string {
  const host = url.host;
  const why =
    error.code === 'ECONNREFUSED'
      ? `dial tcp ${host}: connect: connection refused`
      : error.code === 'EHOSTUNREACH'
        ? `dial tcp ${host}: connect: no route to host`
        : error.message;
  return `Get ${JSON.stringify(url.toString())}: ${why}`;
}

function readLimited(response: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      if (size < MAX_ERROR_BODY) chunks.push(chunk.subarray(0, MAX_ERROR_BODY - size));
      size += chunk.length;
    });
    response.on('end', () => {
      resolve(Buffer.concat(chunks).toString());
    });
    response.on('error', () => {
      resolve(Buffer.concat(chunks).toString());
    });
  });
}

/** What serving a log request needs besides the request. */
export interface PodLogProxyOptions {
  readonly context: ServerContext;
  /** The bearer token the kubelet endpoint expects: the server's admin token. */
  readonly token: string;
  /** Sends a (non-streamed) answer. */
  readonly send: (response: ApiResponse) => FastifyReply;
}

/** Serves a `pods/log` request, streaming the kubelet's answer. */
export async function servePodLog(
  options: PodLogProxyOptions,
  request: ApiRequest,
  rawUrl: string,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const { route } = request;
  const name = route.name ?? '';
  if (request.method !== 'GET') {
    return options.send({ code: 405, body: methodNotAllowed({ resource: 'pods/log' }, request.method) });
  }
  const params = new URL(rawUrl, 'http://localhost').searchParams;
  const target = await locatePodLog(options.context, route.namespace, name, params);
  if (target.kind === 'status') return options.send({ code: target.status.code, body: target.status });
  if (target.kind === 'empty') return reply.code(204).send();
  const url = target.url;
  return new Promise<FastifyReply>((resolve) => {
    const upstream = http.request(url, { headers: { Authorization: `Bearer ${options.token}` } }, (response) => {
      const code = response.statusCode ?? 500;
      if (code < 200 || code > 206) {
        void readLimited(response).then((body) => {
          const status = kubeletErrorStatus(code, body, name);
          resolve(options.send({ code: status.code, body: status }));
        });
        return;
      }
      // From here the response is ours: fastify must not send anything of its own.
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(code, { 'Content-Type': 'text/plain' });
      raw.flushHeaders();
      // The client going away ends the kubelet request (and so a follow).
      raw.on('close', () => upstream.destroy());
      response.on('data', (chunk: Buffer) => raw.write(chunk));
      response.on('end', () => raw.end());
      response.on('error', () => raw.destroy());
      resolve(reply);
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (reply.sent || reply.raw.headersSent) {
        reply.raw.destroy();
        return;
      }
      resolve(options.send({ code: 500, body: unknownReasonStatus(500, dialError(url, error)) }));
    });
    upstream.end();
  });
}
