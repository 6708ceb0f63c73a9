/**
 * Serving `pods/log`: the request goes to the Node's kubelet endpoint with the server's kubelet-client token, and the
 * kubelet's answer comes back — a 2xx streamed as `text/plain` (flushed as it arrives, for `follow`), anything else
 * turned into a Status the way kube-apiserver's `GenericHttpResponseChecker` does.
 */
import * as http from 'node:http';
import { pipeline } from 'node:stream';
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
  if (error instanceof KubeletTimeout) return `Get ${JSON.stringify(url.toString())}: ${error.message}`;
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
    response.on('close', () => {
      resolve(Buffer.concat(chunks).toString());
    });
  });
}

/** What serving a log request needs besides the request. */
export interface PodLogProxyOptions {
  readonly context: ServerContext;
  /** The bearer token the kubelet endpoint expects: the server's kubelet-client token. */
  readonly token: string;
  /** Sends a (non-streamed) answer. */
  readonly send: (response: ApiResponse) => FastifyReply;
  /** How long the kubelet may take to connect and send its headers (a follow may then stream for ever). */
  readonly timeoutMs?: number;
}

/** Upstream's kubelet client gives up on a dial after 30 s; the same bound covers the response headers. */
export const DEFAULT_KUBELET_TIMEOUT_MS = 30_000;

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
  if (reply.raw.destroyed) return reply;
  return proxyKubelet(options, target.url, name, reply);
}

/** Sends the request to the kubelet and answers with what it says, until either side goes away. */
function proxyKubelet(options: PodLogProxyOptions, url: URL, name: string, reply: FastifyReply): Promise<FastifyReply> {
  return new Promise<FastifyReply>((resolve) => {
    const raw = reply.raw;
    const upstream = http.request(url, { headers: { Authorization: `Bearer ${options.token}` } });
    // The client going away at any point — before the kubelet answers too — ends the kubelet request.
    const hangUp = (): void => {
      upstream.destroy();
      resolve(reply);
    };
    raw.once('close', hangUp);
    const timer = setTimeout(() => {
      upstream.destroy(new KubeletTimeout());
    }, options.timeoutMs ?? DEFAULT_KUBELET_TIMEOUT_MS);
    upstream.on('response', (response) => {
      clearTimeout(timer);
      const code = response.statusCode ?? 500;
      if (code >= 200 && code <= 206) {
        raw.off('close', hangUp);
        resolve(streamLog(reply, response, code));
        return;
      }
      void readLimited(response).then((body) => {
        raw.off('close', hangUp);
        const status = kubeletErrorStatus(code, body, name);
        resolve(options.send({ code: status.code, body: status }));
      });
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      raw.off('close', hangUp);
      if (raw.destroyed || raw.headersSent) {
        raw.destroy();
        resolve(reply);
        return;
      }
      resolve(options.send({ code: 500, body: unknownReasonStatus(500, dialError(url, error)) }));
    });
    upstream.end();
  });
}

/** The kubelet did not connect or answer in time (Go's words for a response-header timeout). */
class KubeletTimeout extends Error {
  constructor() {
    super('net/http: timeout awaiting response headers');
  }
}

/** Streams a 2xx kubelet answer to the client, one chunk at a time as the client takes them (back-pressure). */
function streamLog(reply: FastifyReply, response: http.IncomingMessage, code: number): FastifyReply {
  // From here the response is ours: fastify must not send anything of its own.
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(code, { 'Content-Type': 'text/plain' });
  raw.flushHeaders();
  // pipeline pauses the kubelet while the client is behind, and destroys each side when the other ends badly
  // (a client going away ends the kubelet request, and so a follow).
  pipeline(response, raw, () => {
    if (!raw.writableEnded) raw.destroy();
  });
  return reply;
}
