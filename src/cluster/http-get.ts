/** One plain HTTP GET with a short timeout: how `up` checks kube-proxy's /healthz and the demo NodePort. */
import { request } from 'node:http';

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/** GETs `url` (http only); rejects on connection errors or after `timeoutMs`. */
export function httpGet(url: string, timeoutMs = 2000, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { timeout: timeoutMs, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}
