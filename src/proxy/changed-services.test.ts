import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changedServices } from './changed-services.ts';
import { clusterIPService, readySlice } from './fixtures.ts';
import { buildSnapshot } from './snapshot.ts';

const node = { name: 'n', ipFamily: 'IPv4' } as const;

test('every Service is changed when there is no previous snapshot', () => {
  const next = buildSnapshot(
    [clusterIPService('a', 'x', '10.0.0.1'), clusterIPService('b', 'y', '10.0.0.2')],
    [],
    node,
  );
  assert.deepEqual([...changedServices(undefined, next)].sort(), ['a/x', 'b/y']);
});

test('only Services whose ports or endpoints differ are changed', () => {
  const services = [
    clusterIPService('a', 'x', '10.0.0.1'),
    clusterIPService('b', 'y', '10.0.0.2'),
    clusterIPService('c', 'z', '10.0.0.3'),
  ];
  const slices = [readySlice('a', 'x', ['10.1.0.1']), readySlice('b', 'y', ['10.2.0.1'])];
  const before = buildSnapshot(services, slices, node);
  assert.equal(changedServices(before, buildSnapshot(services, slices, node)).size, 0);

  const movedIP = [clusterIPService('a', 'x', '10.0.0.9'), ...services.slice(1)];
  const newEndpoint = [slices[0], readySlice('b', 'y', ['10.2.0.1', '10.2.0.2'])].filter((s) => s !== undefined);
  const after = buildSnapshot(movedIP, [...newEndpoint, readySlice('d', 'orphan', ['10.4.0.1'])], node);
  assert.deepEqual([...changedServices(before, after)].sort(), ['a/x', 'b/y', 'd/orphan']);
});

test('deleted Services and endpoint condition changes count', () => {
  const services = [clusterIPService('a', 'x', '10.0.0.1'), clusterIPService('b', 'y', '10.0.0.2')];
  const slice = readySlice('b', 'y', ['10.2.0.1']);
  const before = buildSnapshot(services, [slice], node);
  const notReady = { ...slice, endpoints: [{ addresses: ['10.2.0.1'], conditions: { ready: false } }] };
  const after = buildSnapshot(services.slice(1), [notReady], node);
  assert.deepEqual([...changedServices(before, after)].sort(), ['a/x', 'b/y']);
});
