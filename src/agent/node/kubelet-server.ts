/**
 * The agent's kubelet endpoint: plain HTTP on `<nodeIP>:<kubeletPort>`, serving only
 * `GET /containerLogs/{namespace}/{pod}/{container}` — what kube-apiserver's `pods/log` forwards to. Requests must
 * carry the bearer token of the agent's own kubeconfig user (the API server's admin token); errors are plain text
 * in kubelet's words.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isKubeletClientToken } from '../../client/node-credentials.ts';
import type { RunLog } from './container-logs.ts';
import { parseLogQuery } from './log-request.ts';
import { streamRunLog } from './log-stream.ts';

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
  /** The bearer token requests must carry; undefined refuses every request. */
  readonly token: string | undefined;
  /** The pod `namespace/name` on this node, if any. */
  readonly findPod: (namespace: string, name: string) => LogSource | undefined;
  readonly now: () => Date;
}

/** A listening endpoint. */
export interface KubeletServer {
  readonly port: number;
  /** Stops listening and ends every open response. */
  close(): Promise<void>;
}

// Only the API server's kubelet-client token passes (not the admin token, not a node token): the agent knows
// its own kubeconfig token, which is enough to recognise that one and no other (`client/node-credentials.ts`).
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

function serveLogs(options: KubeletServerOptions, request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://kubelet');
  const parts = segments(url.pathname);
  // Like kubelet, authentication comes first, whatever the path.
  if (!authorized(request.headers.authorization, options.token)) {
    answer(response, 401, 'Unauthorized');
    return;
  }
  if (request.method !== 'GET' || parts?.length !== 4 || parts[0] !== 'containerLogs') {
    answer(response, 404, '404 page not found');
    return;
  }
  const [, namespace = '', podName = '', container = ''] = parts;
  const query = parseLogQuery(url.searchParams, options.now());
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
  // The client going away ends a follow.
  const gone = new AbortController();
  response.on('close', () => {
    gone.abort();
  });
  const sink = {
    write: (bytes: Buffer) => {
      response.write(bytes);
    },
    end: () => {
      response.end();
    },
  };
  streamRunLog(found.log, query.options, sink, gone.signal);
}

/** Starts listening on `host:port`; resolves once it does. */
export async function startKubeletServer(options: KubeletServerOptions): Promise<KubeletServer> {
  const server: Server = createServer((request, response) => {
    try {
      serveLogs(options, request, response);
    } catch (error) {
      if (!response.headersSent) answer(response, 500, String(error));
      else response.destroy();
    }
  });
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
