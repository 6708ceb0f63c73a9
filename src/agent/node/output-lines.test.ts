import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { MAX_LOG_LINE_BYTES, OutputLineSplitter } from './output-lines.ts';

function split(chunks: readonly Buffer[], max?: number): [string, boolean][] {
  const out: [string, boolean][] = [];
  const splitter = new OutputLineSplitter((line, partial) => out.push([line, partial]), max);
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return out;
}

test('lines are cut at newlines, whatever the chunks; a last line without newline still counts', () => {
  assert.deepEqual(split([Buffer.from('a\nb'), Buffer.from('c\n\nd')]), [
    ['a', false],
    ['bc', false],
    ['', false],
    ['d', false],
  ]);
});

test('a line longer than 16 KiB comes in 16 KiB pieces tagged partial, the last one full', () => {
  const long = 'x'.repeat(MAX_LOG_LINE_BYTES * 2 + 5);
  assert.deepEqual(split([Buffer.from(`${long}\nshort\n`)]), [
    ['x'.repeat(MAX_LOG_LINE_BYTES), true],
    ['x'.repeat(MAX_LOG_LINE_BYTES), true],
    ['xxxxx', false],
    ['short', false],
  ]);
  // Exactly 16 KiB is still one entry.
  assert.deepEqual(split([Buffer.from(`${'y'.repeat(MAX_LOG_LINE_BYTES)}\n`)]), [
    ['y'.repeat(MAX_LOG_LINE_BYTES), false],
  ]);
});

test('output without newlines is held to one piece: memory stays bounded', () => {
  const pieces: number[] = [];
  const splitter = new OutputLineSplitter((line) => pieces.push(line.length), 1024);
  for (let i = 0; i < 1000; i++) splitter.push(Buffer.alloc(1000, 'z'));
  assert.equal(pieces.length, Math.floor((1000 * 1000 - 1) / 1024));
  assert.ok(pieces.every((n) => n === 1024));
});

test('pieces never end inside a UTF-8 character, and joined they give the stream back', () => {
  // U+FFFD stands for a broken character in the output: the input has none of its own.
  const piece = fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\uFFFD'));
  fc.assert(
    fc.property(fc.array(piece), fc.integer({ min: 4, max: 20 }), (texts, max) => {
      const text = texts.join('\n');
      const bytes = Buffer.from(text);
      const chunks = [bytes.subarray(0, 7), bytes.subarray(7)];
      const out = split(chunks, max);
      let joined = '';
      for (const [line, partial] of out) {
        assert.ok(Buffer.byteLength(line) <= max);
        assert.ok(!line.includes('\uFFFD'));
        joined += partial ? line : `${line}\n`;
      }
      // A last line without its newline is ended by `end()`.
      assert.equal(joined, text === '' || text.endsWith('\n') ? text : `${text}\n`);
    }),
  );
});
