/** The knobs of watch serving, and the set of open watches the server ends when it closes. */

/** How watches behave; injectable so tests need not wait. */
export interface WatchSettings {
  /** How often a watch with `allowWatchBookmarks` gets a BOOKMARK. */
  readonly bookmarkIntervalMs: number;
  /**
   * A watch without `timeoutSeconds` ends after this long (upstream picks 30–60 min at random from
   * `--min-request-timeout`); clients then resume from their last resourceVersion.
   */
  readonly defaultTimeoutSeconds: () => number;
  /** Unsent bytes past which a watcher is dropped at once (see `sink.ts`). */
  readonly maxBufferedBytes: number;
  /** How long a watcher may leave written events unread before it is dropped. */
  readonly stallTimeoutMs: number;
}

/**
 * Upstream's defaults: bookmarks about once a minute, watches ending after 30 to 60 minutes. A watcher that reads
 * nothing for 10 s while events wait, or falls 1 MiB behind, is dropped (upstream's cacher drops one whose
 * buffer of events is full).
 */
export const defaultWatchSettings: WatchSettings = {
  bookmarkIntervalMs: 60_000,
  defaultTimeoutSeconds: () => 1800 + Math.floor(Math.random() * 1800),
  maxBufferedBytes: 1024 * 1024,
  stallTimeoutMs: 10_000,
};

/** The open watches: each one's abort, so closing the server ends them. */
export class WatchRegistry {
  readonly #open = new Map<AbortController, () => number>();
  #dropped = 0;

  /** A new watch's controller, registered until it is released; `buffered` reports its unsent bytes. */
  open(buffered: () => number = () => 0): AbortController {
    const controller = new AbortController();
    this.#open.set(controller, buffered);
    return controller;
  }

  /** Forgets a finished watch (`dropped`: ended for not reading). */
  release(controller: AbortController, dropped = false): void {
    if (this.#open.delete(controller) && dropped) this.#dropped++;
  }

  /** The unsent bytes each open watch holds (what bounds a watch's memory). */
  bufferedBytes(): number[] {
    return [...this.#open.values()].map((buffered) => buffered());
  }

  /** How many watches were dropped for not reading since the server started. */
  get droppedCount(): number {
    return this.#dropped;
  }

  /** How many watches are open. */
  get size(): number {
    return this.#open.size;
  }

  /** Ends every open watch. */
  abortAll(): void {
    for (const controller of this.#open.keys()) controller.abort();
    this.#open.clear();
  }
}
