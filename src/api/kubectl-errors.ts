/**
 * What kubectl prints for a failed request (k8s.io/kubectl cmd/util/helpers.go `checkErr`), so
 * Portico's own CLI and tests can show exactly the text users know.
 */
import { goQuote } from './field-errors.ts';
import type { Status, StatusCause } from './status.ts';

/** The command's view of the request: `kubectl create/apply -f file` adds `error when creating "file": `. */
export interface KubectlErrorContext {
  /** The -ing verb kubectl uses: `creating`, `replacing`, `patching`, ... */
  readonly verb: string;
  /** The manifest the object came from (empty for none). */
  readonly source: string;
}

/** Distinct `field: message` lines, in order (kubectl drops repeated causes). */
function causeLines(causes: readonly StatusCause[]): string[] {
  return [...new Set(causes.map((c) => `${c.field ?? ''}: ${c.message ?? ''}`))];
}

function formatInvalid(status: Status): string {
  const details = status.details;
  let head = 'The request is invalid';
  if (details === undefined)
    return status.message === undefined || status.message === '' ? head : `${head}: ${status.message}`;
  const causes = details.causes ?? [];
  if ((details.kind ?? '') !== '' || (details.name ?? '') !== '') {
    head = `The ${details.kind ?? ''} ${goQuote(details.name ?? '')} is invalid`;
  } else if ((status.message ?? '') !== '' && causes.length === 0) {
    head += `: ${status.message ?? ''}`;
  }
  if (causes.length === 0) return head;
  const lines = causeLines(causes);
  if (lines.length === 1) return `${head}: ${lines[0] ?? ''}`;
  // kubectl prints the prefix (with its trailing space) on a line of its own, then one `* ` line per cause.
  return [`${head}: `, ...lines.map((line) => `* ${line}`)].join('\n');
}

/**
 * The text kubectl writes to stderr for `status`, without the final newline. With `context`
 * (create/replace/apply from a file) the server message is prefixed as kubectl does.
 * @example formatKubectlError(notFound({ resource: 'services' }, 'web')) // 'Error from server (NotFound): services "web" not found'
 */
export function formatKubectlError(status: Status, context?: KubectlErrorContext): string {
  if (status.reason === 'Invalid') return formatInvalid(status);
  let message = status.message ?? '';
  if (context !== undefined && context.source !== '')
    message = `error when ${context.verb} ${goQuote(context.source)}: ${message}`;
  if (status.reason === 'Unauthorized') return `error: You must be logged in to the server (${message})`;
  if (status.reason === undefined) return `Error from server: ${message}`;
  return `Error from server (${status.reason}): ${message}`;
}
