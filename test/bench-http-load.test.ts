/**
 * The benchmark's HTTP load generator against a real listener on 127.0.0.1: exact counts with a request budget,
 * non-200 answers and refused connections counted as errors, one connection per request unless keep-alive, merged
 * runs, and the percentile arithmetic. No timing is asserted.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { mergeLoadResults, percentile, runLoad, summarizeLatencies } from '../bench/http-load.ts';

let server: Server;
let url = '';
let requests = 0;
let connections = 0;

before(async () => {
  server = createServer((_request, response) => {
    requests++;
    // Every fourth request fails, so errors are countable exactly.
    response.writeHead(requests % 4 === 0 ? 503 : 200, { 'content-type': 'text/plain' });
    response.end('hello\n');
  });
  server.on('connection', () => connections++);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

function reset(): void {
  requests = 0;
  connections = 0;
}

test('a budget of 40 requests: 30 answered 200, 10 errors, a new connection for each', async () => {
  reset();
  const result = await runLoad({ url, concurrency: 4, durationMs: 10_000, maxRequests: 40 });
  assert.equal(result.ok, 30);
  assert.equal(result.errors, 10);
  assert.equal(result.firstError, 'HTTP 503');
  assert.equal(requests, 40);
  assert.equal(connections, 40);
  assert.ok(result.requestsPerSecond > 0);
  assert.ok(result.latencyMs.p50 > 0 && result.latencyMs.p50 <= result.latencyMs.p99);
  assert.ok(result.latencyMs.p99 <= result.latencyMs.max);
});

test('keep-alive reuses at most one connection per worker', async () => {
  reset();
  const result = await runLoad({ url, concurrency: 3, durationMs: 10_000, maxRequests: 24, keepAlive: true });
  assert.equal(result.ok + result.errors, 24);
  assert.equal(result.errors, 6);
  assert.ok(connections >= 1 && connections <= 3, `${connections} connections`);
});

test('a refused connection is an error, not a throw', async () => {
  const closed = createServer();
  closed.listen(0, '127.0.0.1');
  await once(closed, 'listening');
  const port = (closed.address() as AddressInfo).port;
  closed.close();
  await once(closed, 'close');
  const result = await runLoad({
    url: `http://127.0.0.1:${port}/`,
    concurrency: 2,
    durationMs: 10_000,
    maxRequests: 6,
  });
  assert.equal(result.ok, 0);
  assert.equal(result.errors, 6);
  assert.match(result.firstError ?? '', /ECONNREFUSED/);
  assert.deepEqual(result.latencyMs, { p50: 0, p99: 0, max: 0 });
});

test('merged runs add counts and wall time and pool latencies', async () => {
  reset();
  const first = await runLoad({ url, concurrency: 2, durationMs: 10_000, maxRequests: 8 });
  const second = await runLoad({ url, concurrency: 2, durationMs: 10_000, maxRequests: 8 });
  const merged = mergeLoadResults([first, second]);
  assert.equal(merged.ok, 12);
  assert.equal(merged.errors, 4);
  assert.equal(merged.elapsedMs, first.elapsedMs + second.elapsedMs);
  assert.equal(merged.latenciesMs.length, 12);
  assert.equal(merged.latencyMs.max, Math.max(first.latencyMs.max, second.latencyMs.max));
});

test('percentiles are nearest-rank', () => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(values, 50), 50);
  assert.equal(percentile(values, 99), 99);
  assert.equal(percentile(values, 100), 100);
  assert.equal(percentile([7], 99), 7);
  assert.equal(percentile([], 50), 0);
  assert.deepEqual(summarizeLatencies([3, 1, 2, 4]), { p50: 2, p99: 4, max: 4 });
});
