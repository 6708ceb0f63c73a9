/**
 * A small closed-loop HTTP load generator: `concurrency` workers each send GETs one after another until a deadline
 * (or a request budget) is reached. By default every request opens a new TCP connection (`agent: false`), because
 * what a NodePort costs — the DNAT decision, the conntrack entry, masquerading — is paid per connection.
 */
import { Agent, request } from 'node:http';

/** One load run against one URL. */
export interface LoadOptions {
  readonly url: string;
  readonly concurrency: number;
  readonly durationMs: number;
  /** Stop once this many requests were sent, even before the deadline (tests use it for exact counts). */
  readonly maxRequests?: number;
  /** Reuse connections (one keep-alive socket per worker) instead of a new connection per request. */
  readonly keepAlive?: boolean;
  /** A request without a complete answer after this long counts as an error. */
  readonly timeoutMs?: number;
}

/** Latency percentiles of the successful requests, in milliseconds. */
export interface LatencySummary {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** What a run measured: only 200 answers count as successes; everything else is an error. */
export interface LoadResult {
  readonly ok: number;
  readonly errors: number;
  /** The first error seen, to say why a run went wrong. */
  readonly firstError: string | undefined;
  readonly elapsedMs: number;
  /** Successful requests per second of wall time. */
  readonly requestsPerSecond: number;
  readonly latencyMs: LatencySummary;
  /** Every successful request's latency, in completion order, so runs can be merged. */
  readonly latenciesMs: readonly number[];
}

/** The nearest-rank percentile `p` (0–100) of ascending `sorted` values; 0 for an empty list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0;
}

/** p50, p99 and max of unsorted latencies. */
export function summarizeLatencies(latencies: readonly number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 };
}

/** One GET whose body is read to the end; resolves with the status, rejects on socket errors and timeouts. */
function getOnce(url: string, agent: Agent | false, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, timeout: timeoutMs }, (response) => {
      response.on('end', () => {
        resolve(response.statusCode ?? 0);
      });
      response.on('error', reject);
      response.resume();
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** Runs the load and returns counts and latencies; never throws for failed requests, it counts them. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { url, concurrency, durationMs, maxRequests = Infinity, keepAlive = false, timeoutMs = 5000 } = options;
  const agent = keepAlive ? new Agent({ keepAlive: true, maxSockets: concurrency }) : false;
  const latencies: number[] = [];
  let sent = 0;
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  const deadline = start + durationMs;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline && sent < maxRequests) {
      sent++;
      const begin = performance.now();
      try {
        const status = await getOnce(url, agent, timeoutMs);
        if (status !== 200) throw new Error(`HTTP ${status}`);
        latencies.push(performance.now() - begin);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    if (agent !== false) agent.destroy();
  }
  return loadResult(latencies, errors, firstError, performance.now() - start);
}

function loadResult(
  latencies: number[],
  errors: number,
  firstError: string | undefined,
  elapsedMs: number,
): LoadResult {
  return {
    ok: latencies.length,
    errors,
    firstError,
    elapsedMs,
    requestsPerSecond: latencies.length / (elapsedMs / 1000),
    latencyMs: summarizeLatencies(latencies),
    latenciesMs: latencies,
  };
}

/** Several runs against one target as if they were one: counts and wall times add up, latencies pool. */
export function mergeLoadResults(results: readonly LoadResult[]): LoadResult {
  return loadResult(
    results.flatMap((result) => result.latenciesMs),
    results.reduce((sum, result) => sum + result.errors, 0),
    results.find((result) => result.firstError !== undefined)?.firstError,
    results.reduce((sum, result) => sum + result.elapsedMs, 0),
  );
}
