/**
 * The storage interface the API server writes Kubernetes objects through. One global revision
 * counts every write; it is the `resourceVersion` of objects, lists and watch events (README.md).
 */

/** `metadata` as the store sees it: only `resourceVersion` is the store's; the rest is kept as given. */
export interface ObjectMeta {
  resourceVersion?: string;
  [field: string]: unknown;
}

/** A Kubernetes object (any JSON object) as the store returns it, `metadata.resourceVersion` always set. */
export interface StoredObject {
  metadata: ObjectMeta & { resourceVersion: string };
  [field: string]: unknown;
}

/** One object and the revisions the store keeps for it. */
export interface Stored {
  readonly key: string;
  /** A fresh copy; `metadata.resourceVersion` is `String(modRevision)`. */
  readonly object: StoredObject;
  /** The revision of the write that created this key (it changes when a deleted key is created again). */
  readonly createRevision: number;
  /** The revision of the last write to this key (for a deleted object, the revision of the deletion). */
  readonly modRevision: number;
}

/** The objects under a prefix, sorted by key, and the store revision they reflect. */
export interface ListResult {
  readonly items: Stored[];
  /** The revision of the store the list was read at: the List's `metadata.resourceVersion`. */
  readonly revision: number;
}

/** A precondition on an update or a delete. */
export interface WriteOptions {
  /** Fail with `Conflict` unless the key's current `modRevision` is this one. */
  readonly expectedRevision?: number;
}

/** What happened to a key, as the Kubernetes watch protocol names it. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change seen by a watch. */
export interface WatchEvent {
  readonly type: WatchEventType;
  readonly key: string;
  /** The new state; for DELETED the last state, with `metadata.resourceVersion` = the deletion revision. */
  readonly object: StoredObject;
  /** The revision of this change (equal to `object.metadata.resourceVersion`). */
  readonly revision: number;
  /** The state before the change, for MODIFIED and DELETED (with its own resourceVersion). */
  readonly previous?: StoredObject;
}

/** The store: one keyspace, one global revision. Every method fails with `Closed` after `close()`. */
export interface Store {
  /** The driver's URL scheme (`memory`, `sqlite`, ...). */
  readonly driver: string;
  /** The revision of the last write (0 for a store never written to). */
  currentRevision(): Promise<number>;
  /** The revision history was compacted up to (0 if never): watches from before it fail. */
  compactedRevision(): Promise<number>;
  /** The object at `key`, or undefined. */
  get(key: string): Promise<Stored | undefined>;
  /** Every object whose key starts with `prefix` (`''` is everything), sorted by key. */
  list(prefix: string): Promise<ListResult>;
  /** Stores a new object; `AlreadyExists` if the key holds one. */
  create(key: string, object: object): Promise<Stored>;
  /** Replaces the object at `key`; `NotFound`, or `Conflict` when `expectedRevision` is stale. */
  update(key: string, object: object, options?: WriteOptions): Promise<Stored>;
  /** Removes the object at `key` and returns its last state stamped with the deletion revision. */
  delete(key: string, options?: WriteOptions): Promise<Stored>;
  /**
   * Every change under `prefix` with revision > `fromRevision`, in revision order, then live changes
   * until `signal` aborts (the iteration then ends). Fails with `Compacted` when `fromRevision` is
   * older than the compaction point, or when a slow reader falls behind a compaction.
   */
  watch(prefix: string, fromRevision: number, signal: AbortSignal): AsyncIterable<WatchEvent>;
  /** Drops history up to `revision` (current state is kept) and returns the compaction point. */
  compact(revision: number): Promise<number>;
  /** Releases the store; active watches fail with `Closed`. Calling it again does nothing. */
  close(): Promise<void>;
}
