/** The memory driver's log: rows in an array ordered by revision, and each key's newest row in a map. */
import { compareKeys } from '../keys.ts';
import type { Log, LogChange, LogRow } from '../log/log.ts';

/** A `Log` held in memory; `transaction` needs no undo because the verbs append last. */
export class MemoryLog implements Log {
  #rows: LogRow[] = [];
  readonly #latest = new Map<string, LogRow>();
  #revision = 0;
  #compacted = 0;

  /** {@inheritDoc Log.currentRevision} */
  currentRevision(): number {
    return this.#revision;
  }

  /** {@inheritDoc Log.compactedRevision} */
  compactedRevision(): number {
    return this.#compacted;
  }

  /** {@inheritDoc Log.latest} */
  latest(key: string): LogRow | undefined {
    return this.#latest.get(key);
  }

  /** {@inheritDoc Log.current} */
  current(prefix: string): LogRow[] {
    const rows: LogRow[] = [];
    for (const row of this.#latest.values()) {
      if (!row.deleted && row.key.startsWith(prefix)) rows.push(row);
    }
    return rows.sort((a, b) => compareKeys(a.key, b.key));
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
