import assert from 'node:assert/strict';
import { test } from 'node:test';
import { humanDuration, translateTimestampSince } from './duration.ts';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

test('humanDuration at every boundary of the upstream table', () => {
  const cases: [number, string][] = [
    [-3 * S, '<invalid>'],
    [-2 * S, '<invalid>'],
    [-1999, '0s'],
    [-1 * S, '0s'],
    [-1, '0s'],
    [0, '0s'],
    [999, '0s'],
    [1 * S, '1s'],
    [119 * S + 999, '119s'],
    [120 * S, '2m'],
    [125 * S, '2m5s'],
    [10 * M - 1, '9m59s'],
    [10 * M, '10m'],
    [10 * M + 59 * S, '10m'],
    [3 * H - 1, '179m'],
    [3 * H, '3h'],
    [3 * H + 30 * M, '3h30m'],
    [8 * H - 1, '7h59m'],
    [8 * H, '8h'],
    [48 * H - 1, '47h'],
    [48 * H, '2d'],
    [50 * H, '2d2h'],
    [8 * D - 1, '7d23h'],
    [8 * D, '8d'],
    [730 * D - 1, '729d'],
    [730 * D, '2y'],
    [775 * D, '2y45d'],
    [2920 * D - 1, '7y364d'],
    [2920 * D, '8y'],
    [3700 * D, '10y'],
  ];
  for (const [ms, text] of cases) assert.equal(humanDuration(ms), text, `${ms}ms`);
});

test('translateTimestampSince measures against the given now', () => {
  const now = new Date('2024-05-01T12:00:00Z');
  assert.equal(translateTimestampSince('2024-05-01T11:59:15Z', now), '45s');
  assert.equal(translateTimestampSince('2024-04-21T12:00:00Z', now), '10d');
  assert.equal(translateTimestampSince('2024-05-01T12:00:05Z', now), '<invalid>');
  assert.equal(translateTimestampSince('2024-05-01T12:00:01Z', now), '0s');
});

test('an unset or zero timestamp prints <unknown>', () => {
  const now = new Date('2024-05-01T12:00:00Z');
  assert.equal(translateTimestampSince(undefined, now), '<unknown>');
  assert.equal(translateTimestampSince(null, now), '<unknown>');
  assert.equal(translateTimestampSince('', now), '<unknown>');
  assert.equal(translateTimestampSince('0001-01-01T00:00:00Z', now), '<unknown>');
  assert.equal(translateTimestampSince('not a time', now), '<unknown>');
});
