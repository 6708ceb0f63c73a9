/**
 * The memory driver's log: rows in an array ordered by revision (the history), each key's newest row
 * in a map, and the live keys sorted (the current state that get and list read).
 */
import type { Log, LogChange, LogRow } from '../log/log.ts';
import { SortedKeys } from './sorted-keys.ts';

/** A `Log` held in memory; `transaction` needs no undo because the verbs append last. */
export class MemoryLog implements Log {
  #rows: LogRow[] = [];
  readonly #latest = new Map<string, LogRow>();
  readonly #liveKeys = new SortedKeys();
  #lookups = 0;
  #revision = 0;
  #compacted = 0;

  /** How many entries reads (get, list) have looked at: it follows live keys, never history length. */
  get entriesVisited(): number {
    return this.#lookups + this.#liveKeys.visited;
  }

  /** How many rows of history are kept (tests check what compaction removes). */
  get historyRows(): number {
    return this.#rows.length;
  }

  /** {@inheritDoc Log.currentRevision} */
  currentRevision(): number {
    return this.#revision;
  }

  /** {@inheritDoc Log.compactedRevision} */
  compactedRevision(): number {
    return this.#compacted;
  }

  /** {@inheritDoc Log.live} */
  live(key: string): LogRow | undefined {
    const row = this.latest(key);
    return row?.deleted === false ? row : undefined;
  }

  /** {@inheritDoc Log.latest} */
  latest(key: string): LogRow | undefined {
    this.#lookups++;
    return this.#latest.get(key);
  }

  /** {@inheritDoc Log.current} */
  current(prefix: string): LogRow[] {
    const rows: LogRow[] = [];
    for (const key of this.#liveKeys.withPrefix(prefix)) {
      const row = this.#latest.get(key);
      if (row !== undefined) rows.push(row);
    }
    return rows;
  }

  /** {@inheritDoc Log.changes} */
  changes(prefix: string, after: number, upTo: number, limit: number): LogChange[] {
    const changes: LogChange[] = [];
    for (let i = this.#indexAfter(after); i < this.#rows.length && changes.length < limit; i++) {
      const row = this.#rows[i];
      if (row === undefined || row.revision > upTo) break;
      if (row.key.startsWith(prefix)) changes.push({ ...row, previousValue: this.#row(row.prevRevision)?.value });
    }
    return changes;
  }

  /** {@inheritDoc Log.append} */
  append(row: LogRow): void {
    if (row.revision !== this.#revision + 1) {
      throw new Error(`memory log: appending revision ${row.revision} after ${this.#revision}`);
    }
    this.#rows.push(row);
    this.#latest.set(row.key, row);
    if (row.deleted) this.#liveKeys.delete(row.key);
    else this.#liveKeys.add(row.key);
    this.#revision = row.revision;
  }

  /** {@inheritDoc Log.compact} */
  compact(revision: number): void {
    const end = this.#indexAfter(revision);
    const newest = new Map<string, number>();
    for (const row of this.#rows.slice(0, end)) newest.set(row.key, row.revision);
    const kept = this.#rows.slice(0, end).filter((row) => !row.deleted && newest.get(row.key) === row.revision);
    this.#rows = kept.concat(this.#rows.slice(end));
    for (const [key, row] of this.#latest) {
      if (row.deleted && row.revision <= revision) this.#latest.delete(key);
    }
    this.#compacted = revision;
  }

  /** {@inheritDoc Log.transaction} */
  transaction<T>(work: () => T): T {
    return work();
  }

  /** {@inheritDoc Log.close} */
  close(): void {
    this.#rows = [];
    this.#latest.clear();
    this.#liveKeys.clear();
  }

  /** The index of the first row with a revision above `revision` (binary search). */
  #indexAfter(revision: number): number {
    let low = 0;
    let high = this.#rows.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.#rows[middle]?.revision ?? Infinity) <= revision) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The row at exactly `revision`, if it is still kept. */
  #row(revision: number): LogRow | undefined {
    if (revision === 0) return undefined;
    const row = this.#rows[this.#indexAfter(revision - 1)];
    return row?.revision === revision ? row : undefined;
  }
}
