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
}

/** Upstream's defaults: bookmarks about once a minute, watches ending after 30 to 60 minutes. */
export const defaultWatchSettings: WatchSettings = {
  bookmarkIntervalMs: 60_000,
  defaultTimeoutSeconds: () => 1800 + Math.floor(Math.random() * 1800),
};

/** The open watches: each one's abort, so closing the server ends them. */
export class WatchRegistry {
  readonly #open = new Set<AbortController>();

  /** A new watch's controller, registered until it is released. */
  open(): AbortController {
    const controller = new AbortController();
    this.#open.add(controller);
    return controller;
  }

  /** Forgets a finished watch. */
  release(controller: AbortController): void {
    this.#open.delete(controller);
  }

  /** How many watches are open. */
  get size(): number {
    return this.#open.size;
  }

  /** Ends every open watch. */
  abortAll(): void {
    for (const controller of this.#open) controller.abort();
    this.#open.clear();
  }
}
