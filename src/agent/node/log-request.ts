/**
 * The kubelet side of a log request: its query (`PodLogOptions`), decoded and validated as kubelet does, and which
 * run of the container it reads, with kubelet's words when there is none (`validateContainerLogStatus`).
 */
import type { ContainerView } from './pod-status.ts';
import type { StreamLogOptions } from './log-stream.ts';

/** A decoded query, or the status code and body kubelet answers for a bad one. */
export type LogQuery =
  | { readonly ok: true; readonly options: StreamLogOptions; readonly previous: boolean }
  | { readonly ok: false; readonly code: number; readonly message: string };

/** Go's `strconv.ParseBool`. */
function parseBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value)) return false;
  return undefined;
}

function parseInteger(value: string): number | undefined {
  return /^[+-]?\d+$/.test(value) ? Number(value) : undefined;
}

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

// Kubelet's own bodies for these two, JSON-looking text and all.
const undecodable: LogQuery = { ok: false, code: 400, message: '{"message": "Unable to decode query."}' };
const invalid: LogQuery = { ok: false, code: 422, message: '{"message": "Invalid request."}' };

/** Reads `follow`, `previous`, `timestamps`, `tailLines` (or the old `tail`), `sinceSeconds`, `sinceTime`, `limitBytes`. */
export function parseLogQuery(params: URLSearchParams, now: Date): LogQuery {
  const bools: Partial<Record<'follow' | 'previous' | 'timestamps', boolean>> = {};
  for (const name of ['follow', 'previous', 'timestamps'] as const) {
    const value = params.get(name);
    if (value === null || value === '') continue;
    const parsed = parseBool(value);
    if (parsed === undefined) return undecodable;
    bools[name] = parsed;
  }
  const tail = params.get('tail');
  const tailText = tail !== null && tail !== '' ? (tail === 'all' ? null : tail) : params.get('tailLines');
  const numbers: Partial<Record<'tailLines' | 'sinceSeconds' | 'limitBytes', number>> = {};
  for (const [name, value] of [
    ['tailLines', tailText],
    ['sinceSeconds', params.get('sinceSeconds')],
    ['limitBytes', params.get('limitBytes')],
  ] as const) {
    if (value === null || value === '') continue;
    const parsed = parseInteger(value);
    if (parsed === undefined) return undecodable;
    numbers[name] = parsed;
  }
  const sinceTime = params.get('sinceTime');
  if (sinceTime !== null && sinceTime !== '' && !RFC3339.test(sinceTime)) return undecodable;
  const { tailLines, sinceSeconds, limitBytes } = numbers;
  const hasSinceTime = sinceTime !== null && sinceTime !== '';
  if (
    (tailLines !== undefined && tailLines < 0) ||
    (limitBytes !== undefined && limitBytes < 1) ||
    (sinceSeconds !== undefined && (hasSinceTime || sinceSeconds < 1))
  ) {
    return invalid;
  }
  const since = hasSinceTime
    ? new Date(sinceTime)
    : sinceSeconds === undefined
      ? undefined
      : new Date(now.getTime() - sinceSeconds * 1000);
  const options: StreamLogOptions = {
    ...(bools.follow === true ? { follow: true } : {}),
    ...(bools.timestamps === true ? { timestamps: true } : {}),
    ...(tailLines === undefined ? {} : { tailLines }),
    ...(limitBytes === undefined ? {} : { limitBytes }),
    ...(since === undefined ? {} : { since }),
  };
  return { ok: true, options, previous: bools.previous === true };
}

/** What the agent knows of a container's runs: its view, and the run numbers behind its state and last state. */
export interface ContainerLogView {
  readonly view: ContainerView;
  /** The run whose process `view.state` describes (running or terminated). */
  readonly stateRun?: number;
  /** The run `view.lastTerminated` describes. */
  readonly lastRun?: number;
}

/** The run a request reads, or kubelet's error (a 400 from the kubelet endpoint). */
export type LogRunChoice =
  { readonly ok: true; readonly run: number } | { readonly ok: false; readonly message: string };

function waitingMessage(container: string, pod: string, reason: string): string {
  const why =
    reason === 'ErrImagePull'
      ? "image can't be pulled"
      : reason === 'ImagePullBackOff'
        ? 'trying and failing to pull image'
        : reason;
  return `container ${JSON.stringify(container)} in pod ${JSON.stringify(pod)} is waiting to start: ${why}`;
}

/**
 * Which run of `container` to read, in kubelet's order: the last terminated one for `previous`; else the running
 * or terminated one; else the last terminated; else the waiting reason as an error. No view at all is a container
 * still being created.
 */
export function chooseLogRun(
  container: string,
  pod: string,
  known: ContainerLogView | undefined,
  previous: boolean,
): LogRunChoice {
  const quoted = `container ${JSON.stringify(container)} in pod ${JSON.stringify(pod)}`;
  const view = known?.view ?? { state: { kind: 'waiting', reason: 'ContainerCreating' } };
  if (previous) {
    if (view.lastTerminated === undefined || known?.lastRun === undefined) {
      return { ok: false, message: `previous terminated ${quoted} not found` };
    }
    return { ok: true, run: known.lastRun };
  }
  const { state } = view;
  if (state.kind !== 'waiting' && known?.stateRun !== undefined) return { ok: true, run: known.stateRun };
  if (view.lastTerminated !== undefined && known?.lastRun !== undefined) return { ok: true, run: known.lastRun };
  if (state.kind === 'waiting') return { ok: false, message: waitingMessage(container, pod, state.reason) };
  return { ok: false, message: `${quoted} is waiting to start - no logs yet` };
}
