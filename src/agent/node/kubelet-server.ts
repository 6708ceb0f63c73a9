/**
 * The agent's kubelet endpoint: plain HTTP on `<nodeIP>:<kubeletPort>`, serving only
 * `GET /containerLogs/{namespace}/{pod}/{container}` — what kube-apiserver's `pods/log` forwards to. Requests must
 * carry the API server's kubelet-client token, which the agent recognises from its own kubeconfig user's token;
 * errors are plain text in kubelet's words.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isKubeletClientToken } from '../../client/node-credentials.ts';
import { type RequestTarget, createGuardedServer } from '../../httpserver/index.ts';
import type { RunLog } from './container-logs.ts';
import { parseLogQuery } from './log-request.ts';
import { type LogSink, streamRunLog } from './log-stream.ts';

/** Upstream kubelet's port. */
export const DEFAULT_KUBELET_PORT = 10250;

/** What the endpoint asks of the agent about one pod. */
export interface LogSource {
  /** The pod's containers, by name (`spec.containers`). */
  hasContainer(name: string): boolean;
  /** The run to read, or kubelet's message why there is none. */
  containerLog(
    container: string,
    previous: boolean,
  ): { readonly ok: true; readonly log: RunLog } | { readonly ok: false; readonly message: string };
}

/** What the server needs. */
export interface KubeletServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The agent's own kubeconfig token, from which the kubelet-client token is recognised; undefined refuses all. */
  readonly token: string | undefined;
  /** The pod `namespace/name` on this node, if any. */
  readonly findPod: (namespace: string, name: string) => LogSource | undefined;
  readonly now: () => Date;
  /** Where a failing request is reported (the client sees only a 500); stderr by default. */
  readonly onError?: (message: string) => void;
  /** An idle connection is closed after this (120 s by default); a follow lifts it for its own connection. */
  readonly idleTimeoutMs?: number;
}

/** A listening endpoint. */
export interface KubeletServer {
  readonly port: number;
  /** Stops listening and ends every open response. */
  close(): Promise<void>;
}

/**
 * Whether the request's `Authorization` header carries the API server's kubelet-client token — not the admin token,
 * not a node token: the agent knows its own kubeconfig token, which is enough to recognise that one and no other
 * (`client/node-credentials.ts`). The one place that decides which credential the endpoint accepts.
 */
function authorized(header: string | undefined, token: string | undefined): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  if (given === undefined || token === undefined) return false;
  return isKubeletClientToken(token, given);
}

function answer(response: ServerResponse, code: number, text: string): void {
  response.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8' }).end(text);
}

function segments(path: string): string[] | undefined {
  try {
    return path.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

function serveLogs(
  options: KubeletServerOptions,
  request: IncomingMessage,
  response: ServerResponse,
  target: RequestTarget,
): Promise<void> | undefined {
  const parts = segments(target.path);
  // Like kubelet, authentication comes first, whatever the path.
  if (!authorized(request.headers.authorization, options.token)) {
    answer(response, 401, 'Unauthorized');
    return;
  }
  if (parts?.length !== 4 || parts[0] !== 'containerLogs') {
    answer(response, 404, '404 page not found');
    return;
  }
  const [, namespace = '', podName = '', container = ''] = parts;
  const query = parseLogQuery(target.query, options.now());
  if (!query.ok) {
    answer(response, query.code, query.message);
    return;
  }
  const pod = options.findPod(namespace, podName);
  if (pod === undefined) {
    answer(response, 404, `pod ${JSON.stringify(podName)} does not exist`);
    return;
  }
  if (!pod.hasContainer(container)) {
    answer(response, 404, `container ${JSON.stringify(container)} not found in pod ${JSON.stringify(podName)}`);
    return;
  }
  const found = pod.containerLog(container, query.previous);
  if (!found.ok) {
    answer(response, 400, found.message);
    return;
  }
  response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
  // A follow may stay quiet for as long as the container does: no idle timeout for its connection.
  if (query.options.follow === true) request.socket.setTimeout(0);
  // The client going away ends a follow.
  const gone = new AbortController();
  response.on('close', () => {
    gone.abort();
  });
  return streamRunLog(found.log, query.options, responseSink(response), gone.signal);
}

/** Writes to `response`, waiting for `drain` whenever it is full (or for its end, should the client go). */
function responseSink(response: ServerResponse): LogSink {
  return {
    write: (bytes) => {
      if (response.destroyed || response.write(bytes)) return undefined;
      return new Promise<void>((resolve) => {
        const done = (): void => {
          response.off('drain', done);
          response.off('close', done);
          resolve();
        };
        response.on('drain', done);
        response.on('close', done);
      });
    },
    end: () => {
      response.end();
    },
  };
}

/** Starts listening on `host:port`; resolves once it does. */
export async function startKubeletServer(options: KubeletServerOptions): Promise<KubeletServer> {
  // GET and HEAD only, no bodies, and the guard's timeouts; a follow lifts the idle timeout for its own socket.
  const server: Server = createGuardedServer(
    (request, response, target) => serveLogs(options, request, response, target),
    {
      methods: ['GET', 'HEAD'],
      ...(options.onError === undefined ? {} : { onError: options.onError }),
      ...(options.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: options.idleTimeoutMs }),
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
