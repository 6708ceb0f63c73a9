/** Errors raised by the netfilter parser and the fake kernel, each with a stable code. */

/** Stable error codes, one per kind of failure. */
export type NetfilterErrorCode =
  | 'NETFILTER_BAD_QUOTE'
  | 'NETFILTER_BAD_RULE'
  | 'NETFILTER_BAD_LINE'
  | 'NETFILTER_BAD_ADDRESS'
  | 'NETFILTER_RESTORE_FAILED';

/** A parse or restore failure; `line` is the 1-based input line when one is to blame. */
export class NetfilterError extends Error {
  readonly code: NetfilterErrorCode;
  readonly line: number | undefined;

  constructor(code: NetfilterErrorCode, message: string, line?: number) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.name = 'NetfilterError';
    this.code = code;
    this.line = line;
  }
}

/** The same error, now blamed on an input line (keeps the first line if it already has one). */
export function atLine(error: unknown, line: number): unknown {
  if (error instanceof NetfilterError && error.line === undefined) {
    return new NetfilterError(error.code, error.message, line);
  }
  return error;
}
