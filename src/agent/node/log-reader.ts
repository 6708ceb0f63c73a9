/**
 * Reading a run's log files as a stream of stored lines, oldest file first, a chunk at a time: never a whole file
 * in memory, and never further ahead than the consumer (an async generator runs only when its consumer asks for
 * the next chunk, so a response that is full stops the reading). `tailLines` is found from the end of the files
 * (kubelet's `FindTailLineStartIndex`: count newlines backwards), so a tail reads only what it returns; for `since`
 * a rotated file whose last line is older is skipped whole.
 */
import { closeSync, openSync, read } from 'node:fs';
import type { LogSegment, RunLog } from './container-logs.ts';
import { parseLogEntry, timestampMillis } from './log-format.ts';

/** Where reading starts: a file of the run (by its `seq`) and a byte offset in it. */
export interface LogPosition {
  readonly seq: number;
  readonly offset: number;
}

const CHUNK_BYTES = 64 * 1024;
/** A stored line is at most 16 KiB of text plus its prefix; anything longer is not ours and is skipped. */
const MAX_STORED_LINE_BYTES = 64 * 1024;

function readAt(fd: number, buffer: Buffer, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) => {
    read(fd, buffer, 0, length, position, (error, bytesRead) => {
      if (error === null) resolve(bytesRead);
      else reject(error);
    });
  });
}

function openFile(path: string): number | undefined {
  try {
    return openSync(path, 'r');
  } catch {
    // Removed meanwhile (the pod went away, or rotation dropped it): nothing more to read there.
    return undefined;
  }
}

/**
 * The offset where the last `lines` lines of the first `size` bytes of a file start, and how many lines were found
 * (fewer when the file has fewer).
 */
async function tailStart(fd: number, size: number, lines: number): Promise<{ offset: number; found: number }> {
  const buffer = Buffer.alloc(CHUNK_BYTES);
  // The newline that ends the last line does not start one.
  let newlines = 0;
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - CHUNK_BYTES);
    const got = await readAt(fd, buffer, end - start, start);
    for (let i = got - 1; i >= 0; i--) {
      if (buffer[i] !== 0x0a || start + i === size - 1) continue;
      newlines++;
      if (newlines === lines) return { offset: start + i + 1, found: lines };
    }
    end = start;
  }
  return { offset: 0, found: size > 0 ? newlines + 1 : 0 };
}

/** Where the last `tailLines` lines of the run's files start (from the first file when undefined). */
export async function tailPosition(log: RunLog, tailLines: number | undefined): Promise<LogPosition> {
  const files = log.segments();
  const first = files[0] ?? { seq: 0 };
  if (tailLines === undefined) return { seq: first.seq, offset: 0 };
  let wanted = tailLines;
  for (let i = files.length - 1; i >= 0; i--) {
    const file = files[i];
    if (file === undefined) continue;
    if (wanted === 0) return { seq: file.seq, offset: file.size };
    const fd = openFile(file.path);
    if (fd === undefined) continue;
    try {
      const { offset, found } = await tailStart(fd, file.size, wanted);
      if (found >= wanted) return { seq: file.seq, offset };
      wanted -= found;
    } finally {
      closeSync(fd);
    }
  }
  return { seq: first.seq, offset: 0 };
}

/** The time of the last line of a file (in ms), read from its end; undefined when there is none. */
async function lastLineMillis(file: LogSegment): Promise<number | undefined> {
  const fd = openFile(file.path);
  if (fd === undefined) return undefined;
  try {
    const length = Math.min(file.size, MAX_STORED_LINE_BYTES);
    const buffer = Buffer.alloc(length);
    const got = await readAt(fd, buffer, length, file.size - length);
    const text = buffer.subarray(0, got).toString('utf8').replace(/\n$/, '');
    const entry = parseLogEntry(text.slice(text.lastIndexOf('\n') + 1));
    return entry === undefined ? undefined : timestampMillis(entry.timestamp);
  } finally {
    closeSync(fd);
  }
}

/**
 * Where a request starts reading: the last `tailLines` lines; without a tail but with `since`, the first file that
 * has a line that recent (lines are written in time order); else the first file kept.
 */
export async function startPosition(
  log: RunLog,
  options: { readonly tailLines?: number; readonly since?: Date },
): Promise<LogPosition> {
  if (options.tailLines !== undefined || options.since === undefined) return tailPosition(log, options.tailLines);
  const files = log.segments();
  for (const file of files.slice(0, -1)) {
    const last = await lastLineMillis(file);
    if (last === undefined || last >= options.since.getTime()) return { seq: file.seq, offset: 0 };
  }
  return { seq: files[files.length - 1]?.seq ?? 0, offset: 0 };
}

/** Splits `bytes` at newlines, keeping the unfinished end for the next chunk. */
class LineCutter {
  private carry: Buffer = Buffer.alloc(0);

  cut(bytes: Buffer): Buffer[] {
    const data = this.carry.length === 0 ? bytes : Buffer.concat([this.carry, bytes]);
    const lines: Buffer[] = [];
    let start = 0;
    for (let newline = data.indexOf(0x0a); newline !== -1; newline = data.indexOf(0x0a, start)) {
      lines.push(data.subarray(start, newline));
      start = newline + 1;
    }
    this.carry = Buffer.from(data.subarray(start));
    if (this.carry.length > MAX_STORED_LINE_BYTES) this.carry = Buffer.alloc(0);
    return lines;
  }

  /** A new file starts: an unfinished line of the last one is dropped. */
  reset(): void {
    this.carry = Buffer.alloc(0);
  }
}

/**
 * The stored lines (without newlines) from `from` on, a chunk's worth per step: through every later file to the
 * end of the one being written; with `follow`, then waiting for more until the run's output ends or `signal`
 * aborts.
 */
export async function* readLogLines(
  log: RunLog,
  from: LogPosition,
  follow: boolean,
  signal?: AbortSignal,
): AsyncGenerator<Buffer[]> {
  let file = log.segmentFrom(from.seq);
  let offset = file?.seq === from.seq ? from.offset : 0;
  let fd = file === undefined ? undefined : openFile(file.path);
  const buffer = Buffer.alloc(CHUNK_BYTES);
  const lines = new LineCutter();
  try {
    while (file !== undefined && fd !== undefined && signal?.aborted !== true) {
      // A file being written is read only up to its last complete line; a rotated one to its end.
      const live = log.segmentFrom(file.seq);
      const writing = live?.seq === file.seq && !live.sealed;
      const limit = writing ? live.size : Number.POSITIVE_INFINITY;
      const got = offset < limit ? await readAt(fd, buffer, Math.min(CHUNK_BYTES, limit - offset), offset) : 0;
      if (got > 0) {
        offset += got;
        yield lines.cut(buffer.subarray(0, got));
        continue;
      }
      if (!writing) {
        closeSync(fd);
        fd = undefined;
        file = log.segmentFrom(file.seq + 1);
        offset = 0;
        lines.reset();
        fd = file === undefined ? undefined : openFile(file.path);
        continue;
      }
      if (!follow || log.finished) return;
      await untilChangedOrAborted(log, signal);
    }
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function untilChangedOrAborted(log: RunLog, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return log.changed();
  return new Promise<void>((resolve) => {
    const done = (): void => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done);
    void log.changed().then(done);
  });
}
