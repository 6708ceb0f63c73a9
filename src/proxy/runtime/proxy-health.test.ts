import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from 'kubernetes-types/core/v1.d.ts';
import { FakeClock } from './fake-clock.ts';
import { formatRFC3339Nano } from './go-time.ts';
import { nodeEligible, ProxyHealth } from './proxy-health.ts';

const node: Node = { metadata: { name: 'node-1' } };
const start = Date.UTC(2024, 0, 1, 12, 0, 0);

test('formatRFC3339Nano prints like Go: fraction trimmed, zero time as year 1', () => {
  assert.equal(formatRFC3339Nano(Date.UTC(2024, 0, 2, 3, 4, 5, 120)), '2024-01-02T03:04:05.12Z');
  assert.equal(formatRFC3339Nano(Date.UTC(2024, 0, 2, 3, 4, 5, 0)), '2024-01-02T03:04:05Z');
  assert.equal(formatRFC3339Nano(Date.UTC(2024, 0, 2, 3, 4, 5, 7)), '2024-01-02T03:04:05.007Z');
  assert.equal(formatRFC3339Nano(null), '0001-01-01T00:00:00Z');
});

test('healthy before the first update: lastUpdated is now, no status map', () => {
  const clock = new FakeClock(start);
  const health = new ProxyHealth(clock, 60_000);
  const answer = health.healthz();
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.headers, { 'Content-Type': 'application/json', 'X-Content-Type-Options': 'nosniff' });
  assert.equal(
    answer.body,
    '{"lastUpdated":"2024-01-01T12:00:00Z","currentTime":"2024-01-01T12:00:00Z","nodeEligible":true,"healthy":true}',
  );
  assert.equal(
    health.livez().body,
    '{"lastUpdated":"2024-01-01T12:00:00Z","currentTime":"2024-01-01T12:00:00Z","healthy":true}',
  );
});

test('a queued update older than the timeout makes both endpoints 503 with the real lastUpdated', () => {
  const clock = new FakeClock(start);
  const health = new ProxyHealth(clock, 60_000);
  health.updated('IPv4');
  clock.advance(1500);
  health.queuedUpdate('IPv4');
  clock.advance(59_999);
  assert.equal(health.livez().status, 200);
  clock.advance(1);
  const answer = health.healthz();
  assert.equal(answer.status, 503);
  assert.equal(
    answer.body,
    '{"lastUpdated":"2024-01-01T12:00:00Z","currentTime":"2024-01-01T12:01:01.5Z","nodeEligible":true,' +
      '"healthy":false,"status":{"IPv4":{"lastUpdated":"2024-01-01T12:00:00Z","healthy":false}}}',
  );
  assert.equal(health.livez().status, 503);
  health.updated('IPv4');
  assert.equal(health.livez().status, 200);
});

test('healthy with families: status lists each, IPv4 first', () => {
  const clock = new FakeClock(start);
  const health = new ProxyHealth(clock, 60_000);
  health.updated('IPv6');
  clock.advance(250);
  health.updated('IPv4');
  assert.equal(
    health.livez().body,
    '{"lastUpdated":"2024-01-01T12:00:00.25Z","currentTime":"2024-01-01T12:00:00.25Z","healthy":true,"status":' +
      '{"IPv4":{"lastUpdated":"2024-01-01T12:00:00.25Z","healthy":true},' +
      '"IPv6":{"lastUpdated":"2024-01-01T12:00:00Z","healthy":true}}}',
  );
});

test('/healthz: eligible from the start, also before the Node exists; /livez ignores the node', () => {
  const clock = new FakeClock(start);
  const health = new ProxyHealth(clock, 60_000);
  const answer = health.healthz();
  assert.equal(answer.status, 200);
  assert.match(answer.body, /"nodeEligible":true,"healthy":true/);
});

test('/healthz: a Node event with a deletionTimestamp or the autoscaler taint makes it 503 until one without', () => {
  const clock = new FakeClock(start);
  const health = new ProxyHealth(clock, 60_000);
  const tainted: Node = {
    metadata: { name: 'node-1' },
    spec: { taints: [{ key: 'ToBeDeletedByClusterAutoscaler', effect: 'NoSchedule' }] },
  };
  health.syncNode(tainted);
  assert.equal(nodeEligible(tainted), false);
  const answer = health.healthz();
  assert.equal(answer.status, 503);
  assert.equal(
    answer.body,
    '{"lastUpdated":"0001-01-01T00:00:00Z","currentTime":"2024-01-01T12:00:00Z","nodeEligible":false,"healthy":true}',
  );
  assert.equal(health.livez().status, 200);
  health.syncNode(node);
  assert.equal(health.healthz().status, 200);
  const deleting: Node = { metadata: { name: 'node-1', deletionTimestamp: '2024-01-01T00:00:00Z' } };
  health.syncNode(deleting);
  assert.equal(health.isNodeEligible, false);
  assert.equal(health.healthz().status, 503);
  health.syncNode({ metadata: { name: 'node-1' }, spec: { taints: [{ key: 'other', effect: 'NoSchedule' }] } });
  assert.equal(health.healthz().status, 200);
});

test('nodeEligible survives a hostile Node (taints not a list)', () => {
  assert.equal(nodeEligible({ metadata: { name: 'n' }, spec: { taints: 'x' as unknown as [] } }), true);
});
