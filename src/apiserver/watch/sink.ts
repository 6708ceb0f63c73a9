/**
 * Where a watch's frames go: the response, with its back-pressure honoured. A frame is written only once the
 * previous ones have drained; a client that stops reading for `stallTimeoutMs`, or whose backlog passes
 * `maxBufferedBytes`, is dropped the way upstream's cacher drops a watcher whose buffer is full: the response is
 * torn down and the client relists. So a watch never holds more than about one frame the client has not taken.
 */
import type { ServerResponse } from 'node:http';

/** The bounds of one watch's unsent output. */
export interface SinkLimits {
  /** Unsent bytes past which the watcher is dropped at once. */
  readonly maxBufferedBytes: number;
  /** How long a watcher may leave written bytes unread before it is dropped. */
  readonly stallTimeoutMs: number;
}

/** A response that takes frames and waits for the client to read them. */
export class WatchSink {
  readonly #res: ServerResponse;
  readonly #limits: SinkLimits;
  readonly #signal: AbortSignal;
  #dropped = false;

  constructor(res: ServerResponse, limits: SinkLimits, signal: AbortSignal) {
    this.#res = res;
    this.#limits = limits;
    this.#signal = signal;
  }

  /** Bytes written but not yet taken by the socket (the watch's memory; what the limits bound). */
  get bufferedBytes(): number {
    return this.#res.writableLength;
  }

  /** Whether the watcher was dropped for not reading. */
  get dropped(): boolean {
    return this.#dropped;
  }

  /** Whether the response can take a frame. */
  get open(): boolean {
    return !this.#dropped && !this.#res.writableEnded && !this.#res.destroyed;
  }

  /** Writes a frame without waiting (bookmarks, the last ERROR): skipped while the client is behind. */
  offer(text: string): void {
    if (this.open && this.#res.writableLength === 0) this.#res.write(text);
  }

  /** Writes a frame, then waits until the client has taken it (or the watch ends, or the client is dropped). */
  async write(text: string): Promise<void> {
    if (!this.open) return;
    const flushed = this.#res.write(text);
    if (this.#res.writableLength > this.#limits.maxBufferedBytes) {
      this.#drop();
      return;
    }
    if (!flushed) await this.#drained();
  }

  #drained(): Promise<void> {
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.#res.off('drain', finish);
        this.#res.off('close', finish);
        this.#signal.removeEventListener('abort', finish);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#drop();
        finish();
      }, this.#limits.stallTimeoutMs);
      this.#res.once('drain', finish);
      this.#res.once('close', finish);
      this.#signal.addEventListener('abort', finish, { once: true });
    });
  }

  #drop(): void {
    this.#dropped = true;
    // Destroying frees what is buffered now; ending would keep it until a client that does not read reads it.
    this.#res.destroy();
  }
}
