/** The store: one interface, drivers by URL scheme, one global revision as resourceVersion (README.md). */
export { openStore, parseStoreUrl, registerDriver, type DriverOpener } from './open.ts';
export { StoreError, isStoreError, type StoreErrorCode, type StoreErrorDetails } from './errors.ts';
export { compareKeys } from './keys.ts';
export {
  DEFAULT_COMPACTION_INTERVAL_MS,
  startCompactor,
  systemTimer,
  type CompactionTimer,
  type Compactor,
  type CompactorOptions,
} from './compactor.ts';
export { openMemoryStore } from './memory/memory.ts';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite/sqlite.ts';
export type { LogStoreOptions } from './log/log-store.ts';
export type {
  ListResult,
  ObjectMeta,
  Store,
  Stored,
  StoredObject,
  WatchEvent,
  WatchEventType,
  WriteOptions,
} from './types.ts';
