/**
 * Plain JSON requests to the API server with a KubeConfig's credentials. The library's typed clients want `Date`
 * objects in every timestamp; the agent writes the API's own JSON, so it sends that directly.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

/** A request the API server refused: its status code and message. */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';

  /** `status` is the HTTP status code. */
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Sends JSON requests to one API server. */
export class AgentApi {
  /** Requests go to `kubeConfig`'s current cluster with its current user's credentials. */
  constructor(private readonly kubeConfig: KubeConfig) {}

  /** Sends `body` (if any) and resolves with the parsed response; throws `ApiRequestError` on a non-2xx status. */
  async request(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const server = this.kubeConfig.getCurrentCluster()?.server;
    if (server === undefined) throw new ApiRequestError(0, 'the kubeconfig names no current cluster');
    const url = new URL(path, server);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (payload !== undefined) {
      // A DELETE without a Content-Length is sent chunked, which servers may refuse; the length is known anyway.
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    const options: https.RequestOptions = { method, headers };
    await this.kubeConfig.applyToHTTPSOptions(options);
    const { status, text } = await send(url, options, payload);
    const parsed = parseJson(text);
    if (status < 200 || status >= 300) {
      const message = typeof parsed['message'] === 'string' ? parsed['message'] : text;
      throw new ApiRequestError(status, `${method} ${path}: ${status} ${message}`);
    }
    return parsed;
  }
}

/** True when `error` is an API refusal with one of `statuses`. */
export function isApiStatus(error: unknown, ...statuses: number[]): boolean {
  return error instanceof ApiRequestError && statuses.includes(error.status);
}

function send(
  url: URL,
  options: https.RequestOptions,
  payload: string | undefined,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https.request : http.request)(url, options, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(payload);
  });
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
