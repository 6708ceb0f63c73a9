/**
 * A `fetch` for an HTTPS server whose certificate is signed by a CA we hold (the API server's own): Node 20's
 * global `fetch` cannot be given a CA, so this small one is built on `node:https`.
 */
import { request } from 'node:https';

/** The part of a response the API client reads. */
export interface FetchedResponse {
  readonly status: number;
  readonly ok: boolean;
  text(): Promise<string>;
  readonly body: AsyncIterable<Uint8Array> | null;
}

/** The part of `fetch` the API client uses. */
export type Fetcher = (
  url: string,
  init: { method?: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<FetchedResponse>;

/** A fetcher that trusts `ca` (PEM) for HTTPS URLs. */
export function fetchTrusting(ca: string): Fetcher {
  return (url, init) =>
    new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: init.method ?? 'GET',
          headers: init.headers,
          ca,
          ...(init.signal === undefined ? {} : { signal: init.signal }),
        },
        (res) => {
          const status = res.statusCode ?? 0;
          resolve({
            status,
            ok: status >= 200 && status < 300,
            body: res,
            text: async () => {
              const chunks: Buffer[] = [];
              for await (const chunk of res) chunks.push(chunk as Buffer);
              return Buffer.concat(chunks).toString('utf8');
            },
          });
        },
      );
      req.on('error', reject);
      req.end(init.body);
    });
}
