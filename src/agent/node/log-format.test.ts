import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  type LogEntry,
  formatLogEntry,
  logTimestamp,
  parseLogEntry,
  parseLogFile,
  timestampMillis,
} from './log-format.ts';

test('a line is stored as CRI writes it', () => {
  const entry: LogEntry = { timestamp: '2016-10-06T00:17:09.669794202Z', stream: 'stdout', line: 'hello world' };
  assert.equal(formatLogEntry(entry), '2016-10-06T00:17:09.669794202Z stdout F hello world\n');
  assert.equal(logTimestamp(new Date(Date.UTC(2016, 9, 6, 0, 17, 9, 669))), '2016-10-06T00:17:09.669000000Z');
  assert.equal(timestampMillis('2016-10-06T00:17:09.669794202Z'), Date.UTC(2016, 9, 6, 0, 17, 9, 669));
  const piece: LogEntry = { ...entry, partial: true };
  assert.equal(formatLogEntry(piece), '2016-10-06T00:17:09.669794202Z stdout P hello world\n');
  assert.deepEqual(parseLogEntry('2016-10-06T00:17:09.669794202Z stdout P hello world'), piece);
  assert.equal(parseLogEntry('2016-10-06T00:17:09.669794202Z stdout X hello'), undefined);
});

test('what is not in the format is not an entry, and a last line without its newline is left out', () => {
  assert.equal(parseLogEntry('garbage'), undefined);
  assert.equal(parseLogEntry('2016-10-06T00:17:09Z stdout F no fraction'), undefined);
  assert.equal(parseLogEntry('2016-10-06T00:17:09.669794202Z stdin F x'), undefined);
  const text = '2016-10-06T00:17:09.000000000Z stderr F a\n2016-10-06T00:17:10.000000000Z stdout F b';
  assert.deepEqual(parseLogFile(text), [{ timestamp: '2016-10-06T00:17:09.000000000Z', stream: 'stderr', line: 'a' }]);
});

test('every entry survives the round trip through its stored form', () => {
  const timestamp = fc
    .tuple(fc.date({ min: new Date(0), max: new Date(Date.UTC(9999, 0, 1)), noInvalidDate: true }), fc.nat(999_999))
    .map(([date, extra]) => logTimestamp(date).replace(/000000Z$/, `${String(extra).padStart(6, '0')}Z`));
  const entry = fc
    .record({
      timestamp,
      stream: fc.constantFrom('stdout' as const, 'stderr' as const),
      line: fc.string({ unit: 'binary' }).filter((line) => !line.includes('\n')),
      partial: fc.boolean(),
    })
    .map(({ partial, ...e }): LogEntry => ({ ...e, ...(partial ? { partial } : {}) }));
  fc.assert(
    fc.property(fc.array(entry), (entries) => {
      const stored = entries.map(formatLogEntry).join('');
      assert.deepEqual(parseLogFile(stored), entries);
      for (const e of entries) assert.deepEqual(parseLogEntry(formatLogEntry(e).slice(0, -1)), e);
    }),
  );
});
