/**
 * A container's output cut into log lines without ever holding more than one line's worth: like containerd
 * (`max_container_log_line_size`, 16 KiB), a line longer than that is handed on in pieces, every piece but the last
 * marked partial. A container printing without newlines therefore costs the agent 16 KiB, not its whole output.
 */

/** The longest piece of a line kept in one log entry, in bytes (containerd's default). */
export const MAX_LOG_LINE_BYTES = 16 * 1024;

const NEWLINE = 0x0a;

/** Where the cut lines go: the text (without its newline), and whether more of the same line follows. */
export type OutputLineHandler = (line: string, partial: boolean) => void;

/** The last index ≤ `cut` that starts a UTF-8 character, so no piece ends inside one (0 means none was found). */
function characterBoundary(bytes: Buffer, cut: number): number {
  // Continuation bytes are 10xxxxxx; a character has at most three of them. Invalid UTF-8 is cut where it is.
  for (let at = cut; at > 0 && at > cut - 4; at--) {
    if (((bytes[at] ?? 0) & 0xc0) !== 0x80) return at;
  }
  return cut;
}

/** Cuts one output stream into lines; feed it with `push`, then call `end` once. */
export class OutputLineSplitter {
  private pending: Buffer = Buffer.alloc(0);

  /** Lines go to `emit`; pieces are at most `maxBytes` long. */
  constructor(
    private readonly emit: OutputLineHandler,
    private readonly maxBytes = MAX_LOG_LINE_BYTES,
  ) {}

  /** Takes the next bytes of the stream. */
  push(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start);
      const end = newline === -1 ? chunk.length : newline;
      this.append(chunk.subarray(start, end));
      if (newline === -1) return;
      this.flush(false);
      start = newline + 1;
    }
  }

  /** The stream has ended: what is left is a last line without its newline. */
  end(): void {
    if (this.pending.length > 0) this.flush(false);
  }

  private append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.pending = this.pending.length === 0 ? Buffer.from(bytes) : Buffer.concat([this.pending, bytes]);
    // A piece is only cut once more than a whole piece is waiting: a line of exactly `maxBytes` stays one entry.
    while (this.pending.length > this.maxBytes) {
      const cut = characterBoundary(this.pending, this.maxBytes);
      this.emit(this.pending.subarray(0, cut).toString('utf8'), true);
      this.pending = Buffer.from(this.pending.subarray(cut));
    }
  }

  private flush(partial: boolean): void {
    const line = this.pending.toString('utf8');
    this.pending = Buffer.alloc(0);
    this.emit(line, partial);
  }
}
