import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Event, Namespace } from 'kubernetes-types/core/v1.d.ts';
import { eventPrinter } from './event-printer.ts';
import { namespacePrinter } from './namespace-printer.ts';
import { ago, HOUR, MINUTE, NOW } from './testing.ts';

function event(extra: Partial<Event>): Event {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'web.17c9a', namespace: 'default' },
    involvedObject: { kind: 'Service', name: 'web', namespace: 'default' },
    ...extra,
  };
}

test('Event columns: Name last and wide-only', () => {
  assert.deepEqual(
    eventPrinter.columns.map((c) => [c.name, c.format, c.priority]),
    [
      ['Last Seen', '', 0],
      ['Type', '', 0],
      ['Reason', '', 0],
      ['Object', '', 0],
      ['Subobject', '', 1],
      ['Source', '', 1],
      ['Message', '', 0],
      ['First Seen', '', 1],
      ['Count', '', 1],
      ['Name', 'name', 1],
    ],
  );
});

test('a core/v1 event: every cell', () => {
  const e = event({
    type: 'Normal',
    reason: 'Pulled',
    message: '  Successfully pulled image "nginx"\n',
    involvedObject: { kind: 'Pod', name: 'web-1', fieldPath: 'spec.containers{app}' },
    source: { component: 'kubelet', host: 'node-1' },
    firstTimestamp: ago(2 * HOUR),
    lastTimestamp: ago(5 * MINUTE),
    count: 4,
  });
  assert.deepEqual(eventPrinter.cells(e, NOW), [
    '5m',
    'Normal',
    'Pulled',
    'pod/web-1',
    'spec.containers{app}',
    'kubelet, node-1',
    'Successfully pulled image "nginx"',
    '120m',
    4,
    'web.17c9a',
  ]);
});

test('events.k8s.io-style events: eventTime, series, reporting controller, count 1', () => {
  const single = event({ eventTime: ago(3 * MINUTE), reportingComponent: 'portico-controller', reportingInstance: '' });
  const cells = eventPrinter.cells(single, NOW);
  assert.deepEqual([cells[0], cells[5], cells[7], cells[8]], ['3m', 'portico-controller', '3m', 1]);
  const series = event({ eventTime: ago(HOUR), series: { count: 7, lastObservedTime: ago(MINUTE) } });
  const seriesCells = eventPrinter.cells(series, NOW);
  assert.deepEqual([seriesCells[0], seriesCells[7], seriesCells[8]], ['60s', '60m', 7]);
  assert.equal(eventPrinter.cells(event({}), NOW)[0], '<unknown>');
});

test('Object without a name prints the kind alone', () => {
  assert.equal(eventPrinter.cells(event({ involvedObject: { kind: 'Node' } }), NOW)[3], 'node');
});

test('Namespace: the phase as Status', () => {
  const ns: Namespace = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'kube-system', creationTimestamp: ago(90 * MINUTE) },
    status: { phase: 'Active' },
  };
  assert.deepEqual(
    namespacePrinter.columns.map((c) => c.name),
    ['Name', 'Status', 'Age'],
  );
  assert.deepEqual(namespacePrinter.cells(ns, NOW), ['kube-system', 'Active', '90m']);
  assert.deepEqual(namespacePrinter.cells({ metadata: { name: 'x' } }, NOW), ['x', '', '<unknown>']);
});
