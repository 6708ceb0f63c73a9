/** Test helpers: a server on 127.0.0.1 over plain HTTP with a memory store, and a small JSON client for it. */
import { type ApiServer, type ApiServerOptions, createApiServer } from './server.ts';

/** The bearer token test servers accept. */
export const testToken = 'test-token';

/** The Accept header kubectl sends for `get` (Tables first). */
export const tableAccept =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

/** Starts a server on a free port with a fresh memory store. */
export function startTestServer(options: Partial<ApiServerOptions> = {}): Promise<ApiServer> {
  return createApiServer({
    store: 'memory://',
    plainHttp: true,
    token: testToken,
    host: '127.0.0.1',
    port: 0,
    ...options,
  });
}

/** A response: status code, headers, and the body parsed as JSON (or the text when it is not JSON). */
export interface TestResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
  readonly text: string;
}

/** What a request sends beyond its method and path. */
export interface TestRequest {
  readonly body?: unknown;
  readonly contentType?: string;
  readonly accept?: string;
  readonly token?: string | null;
}

/** Sends one request; objects are sent as JSON, strings and buffers as they are. */
export async function call(
  server: ApiServer,
  method: string,
  path: string,
  request: TestRequest = {},
): Promise<TestResponse> {
  const headers: Record<string, string> = { accept: request.accept ?? 'application/json' };
  if (request.token !== null) headers['authorization'] = `Bearer ${request.token ?? testToken}`;
  let body: string | Uint8Array | undefined;
  if (request.body !== undefined) {
    body =
      typeof request.body === 'string' || request.body instanceof Uint8Array
        ? request.body
        : JSON.stringify(request.body);
    headers['content-type'] = request.contentType ?? 'application/json';
  }
  const response = await fetch(`${server.url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Not JSON (health checks answer plain text): callers read `text`.
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** `metadata` of a response body (or of any object). */
export function metadata(object: unknown): Record<string, unknown> {
  const meta = (object as { metadata?: unknown } | undefined)?.metadata;
  return typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>) : {};
}

/** One decoded watch event. */
export interface TestWatchEvent {
  readonly type: string;
  readonly object: Record<string, unknown>;
}

/** An open watch: its response status and headers, the next event (in order), and a way to hang up. */
export interface TestWatch {
  readonly status: number;
  readonly headers: Headers;
  /** The next event; undefined once the server ended the stream. */
  next(): Promise<TestWatchEvent | undefined>;
  close(): void;
}

/** Opens a watch (`path` should carry `watch=true`) and reads its newline-delimited events. */
export async function openWatch(server: ApiServer, path: string, accept = 'application/json'): Promise<TestWatch> {
  const controller = new AbortController();
  const response = await fetch(`${server.url}${path}`, {
    headers: { accept, authorization: `Bearer ${testToken}` },
    signal: controller.signal,
  });
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  const next = async (): Promise<TestWatchEvent | undefined> => {
    for (;;) {
      const newline = buffered.indexOf('\n');
      if (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        return JSON.parse(line) as TestWatchEvent;
      }
      const chunk: { done: boolean; value?: Uint8Array } | undefined = await reader
        ?.read()
        .catch(() => ({ done: true }));
      if (chunk?.value === undefined || chunk.done) return undefined;
      buffered += decoder.decode(chunk.value, { stream: true });
    }
  };
  return {
    status: response.status,
    headers: response.headers,
    next,
    close: () => {
      controller.abort();
    },
  };
}
