/**
 * Store reads against history length: list and get of 1000 Leases after one of them was renewed 100k times
 * (100k rows of history under the listed prefix) against the same reads before, in the same run, for the memory
 * and SQLite drivers; for SQLite also the list query of schema 1 (newest row per key out of the log) against
 * today's query on the same file, and what compacting that history costs (time, the longest event-loop stall,
 * the file size). Prints; never asserts.
 * `node --import tsx bench/store-history.bench.ts` runs this benchmark alone.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openMemoryStore, openSqliteStore, type Store } from '../src/store/index.ts';
import { prefixEnd } from '../src/store/keys.ts';
import { CURRENT_STATE_SQL } from '../src/store/sqlite/queries.ts';
import { machineDescription } from './machine.ts';
import { formatMillis, median } from './timing.ts';

const LEASES = 1000;
const PREFIX = '/registry/leases/kube-node-lease/';
const RENEWED = `${PREFIX}node-0`;

/** Runs `work` three times to warm up, then `runs` times, and returns the median milliseconds of one run. */
async function medianMillis(runs: number, work: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

/** Median milliseconds of one list and of one get. */
interface ReadTimes {
  readonly list: number;
  readonly get: number;
}

function micros(ms: number): string {
  return `${(ms * 1000).toFixed(1)} µs`;
}

/** The median time of one list of the Leases, and of one get (over a batch of 1000 gets, the renewed one too). */
async function readTimes(store: Store): Promise<ReadTimes> {
  const list = await medianMillis(21, () => store.list(PREFIX));
  const batch = await medianMillis(11, async () => {
    for (let i = 0; i < 1000; i++) await store.get(`${PREFIX}node-${i % LEASES}`);
  });
  return { list, get: batch / 1000 };
}

function lease(node: number, renewTime: number): object {
  const name = `node-${node}`;
  return {
    kind: 'Lease',
    metadata: { name, namespace: 'kube-node-lease', ownerReferences: [{ kind: 'Node', name }] },
    spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime },
  };
}

async function seed(store: Store): Promise<void> {
  for (let i = 0; i < LEASES; i++) await store.create(`${PREFIX}node-${i}`, lease(i, 0));
}

async function grow(store: Store, rows: number): Promise<void> {
  for (let i = 1; i <= rows; i++) await store.update(RENEWED, lease(0, i));
}

function ratio(value: number, baseline: number): string {
  return `${(value / baseline).toFixed(2)}×`;
}

/** Compacts all history, watching the event loop: the longest stall is what a request could wait. */
async function measureCompaction(store: Store): Promise<{ total: number; longestStall: number }> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const start = process.hrtime.bigint();
  await store.compact(await store.currentRevision());
  const total = Number(process.hrtime.bigint() - start) / 1e6;
  delay.disable();
  return { total, longestStall: delay.max / 1e6 };
}

/** Times the list SQL of schema 1 (newest row per key, GROUP BY over the log) and today's, on the file at `path`. */
async function listQueryMillis(path: string): Promise<{ schema1: number; live: number }> {
  const db = new Database(path, { readonly: true });
  const range = { start: PREFIX, end: prefixEnd(PREFIX) };
  const schema1 = db.prepare(`SELECT l.* FROM log AS l
    JOIN (SELECT max(id) AS id FROM log WHERE name >= @start AND name < @end GROUP BY name) AS newest
    ON newest.id = l.id WHERE l.deleted = 0 ORDER BY l.name`);
  const live = db.prepare(CURRENT_STATE_SQL.list(true));
  const times = {
    schema1: await medianMillis(5, () => Promise.resolve(schema1.all(range))),
    live: await medianMillis(5, () => Promise.resolve(live.all(range))),
  };
  db.close();
  return times;
}

function fileBytes(path: string): number {
  const size = (file: string): number => {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  };
  return size(path) + size(`${path}-wal`);
}

/** A driver under test: how to open a store at a name, and the file it writes there (SQLite). */
interface Driver {
  readonly name: string;
  open(at: string): Store;
  readonly file?: (at: string) => string;
}

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/**
 * Reads of two stores holding the same Leases, one with no history (the baseline) and one after `history`
 * renewals, taken in alternating rounds so that both see the same machine load; medians of the rounds.
 */
async function compareReads(baseline: Store, grown: Store): Promise<{ base: ReadTimes; grown: ReadTimes }> {
  const rounds: { base: ReadTimes; grown: ReadTimes }[] = [];
  for (let round = 0; round < 5; round++)
    rounds.push({ base: await readTimes(baseline), grown: await readTimes(grown) });
  const middle = (pick: (round: { base: ReadTimes; grown: ReadTimes }) => number): number => median(rounds.map(pick));
  return {
    base: { list: middle((r) => r.base.list), get: middle((r) => r.base.get) },
    grown: { list: middle((r) => r.grown.list), get: middle((r) => r.grown.get) },
  };
}

async function printCompaction(store: Store, history: number): Promise<void> {
  const compaction = await measureCompaction(store);
  await store.close();
  console.log(
    `    compaction of ${history} rows: ${formatMillis(compaction.total)}, longest event-loop stall ${formatMillis(compaction.longestStall)}`,
  );
}

/** Measures one driver: reads without and with `history` rows of history, then compacting them. */
async function benchDriver(driver: Driver, history: number): Promise<void> {
  const baseline = driver.open('baseline');
  const grown = driver.open('grown');
  await seed(baseline);
  await seed(grown);
  await grow(grown, history);
  const { base, grown: after } = await compareReads(baseline, grown);
  await baseline.close();
  console.log(`\n  ${driver.name}: ${LEASES} Leases; one of them renewed ${history} times ÷ never renewed`);
  console.log(
    `    list ${LEASES}: ${formatMillis(after.list)} ÷ ${formatMillis(base.list)} = ${ratio(after.list, base.list)}`,
  );
  console.log(`    get: ${micros(after.get)} ÷ ${micros(base.get)} = ${ratio(after.get, base.get)}`);
  if (driver.file === undefined) {
    await printCompaction(grown, history);
    return;
  }
  await grown.close();
  const file = driver.file('grown');
  const before = fileBytes(file);
  const sql = await listQueryMillis(file);
  console.log(
    `    list SQL alone, same file: schema 1 ${formatMillis(sql.schema1)} ÷ live table ${formatMillis(sql.live)} = ${ratio(sql.schema1, sql.live)}`,
  );
  await printCompaction(driver.open('grown'), history);
  console.log(`    file: ${mib(before)} → ${mib(fileBytes(file))} after compaction`);
}

/** Runs the benchmark for both drivers. */
export async function benchStoreHistory(history = 100_000): Promise<void> {
  console.log(`store reads with ${history} rows of history ÷ the same reads with none (same run, alternating rounds)`);
  await benchDriver(
    {
      name: 'memory',
      open: () => openMemoryStore(),
    },
    history,
  );
  const dir = mkdtempSync(join(tmpdir(), 'portico-bench-store-'));
  try {
    const file = (at: string): string => join(dir, `${at}.db`);
    // sync=normal: the bench measures reads, not how fast this disk syncs 100k commits.
    const open = (at: string): Store => openSqliteStore(file(at), { sync: 'normal' });
    await benchDriver({ name: 'sqlite (sync=normal)', open, file }, history);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(machineDescription());
  console.log('');
  await benchStoreHistory();
}
