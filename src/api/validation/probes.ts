/** Probes and lifecycle hooks of a container (upstream `validateProbe`, `validateHandler`, `validateLifecycle`). */
import type { Lifecycle, LifecycleHandler, Probe } from 'kubernetes-types/core/v1.d.ts';
import { type FieldError, forbidden, invalid, notSupported, required } from '../field-errors.ts';
import { isHTTPHeaderName, validateNonnegative } from './common.ts';
import { isValidPortName, isValidPortNum } from './names.ts';

/** ValidatePortNumOrName: a number 1..65535 or an IANA service name. */
export function validatePortNumOrName(port: number | string | undefined, path: string): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((msg) => invalid(path, port, msg));
  const number = port ?? 0;
  return isValidPortNum(number).map((msg) => invalid(path, number, msg));
}

type Handler = Pick<LifecycleHandler, 'exec' | 'httpGet' | 'tcpSocket' | 'sleep'> & Pick<Probe, 'grpc'>;

function validateHttpGet(action: NonNullable<Handler['httpGet']>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if ((action.path ?? '') === '') errors.push(required(`${path}.path`));
  errors.push(...validatePortNumOrName(action.port, `${path}.port`));
  const scheme = action.scheme ?? '';
  if (scheme !== 'HTTP' && scheme !== 'HTTPS') errors.push(notSupported(`${path}.scheme`, scheme, ['HTTP', 'HTTPS']));
  for (const header of action.httpHeaders ?? []) {
    const name = (header.name as string | undefined) ?? '';
    errors.push(...isHTTPHeaderName(name).map((msg) => invalid(`${path}.httpHeaders`, name, msg)));
  }
  return errors;
}

function validateSleep(seconds: number, gracePeriod: number | undefined, path: string): FieldError[] {
  if (gracePeriod === undefined || (seconds >= 0 && seconds <= gracePeriod)) return [];
  const detail = `must be non-negative and less than terminationGracePeriodSeconds (${String(gracePeriod)})`;
  return [invalid(path, seconds, detail)];
}

/** One action per handler, checked in upstream's order; later ones are "more than 1 handler type". */
function handlerActions(handler: Handler, gracePeriod: number | undefined, path: string): [string, FieldError[]][] {
  const actions: [string, FieldError[]][] = [];
  if (handler.exec !== undefined) {
    const command = handler.exec.command ?? [];
    actions.push(['exec', command.length === 0 ? [required(`${path}.exec.command`)] : []]);
  }
  if (handler.httpGet !== undefined) actions.push(['httpGet', validateHttpGet(handler.httpGet, `${path}.httpGet`)]);
  if (handler.tcpSocket !== undefined) {
    const port = handler.tcpSocket.port as number | string | undefined;
    actions.push(['tcpSocket', validatePortNumOrName(port, `${path}.tcpSocket.port`)]);
  }
  if (handler.grpc !== undefined) {
    actions.push(['grpc', validatePortNumOrName(handler.grpc.port, `${path}.grpc.port`)]);
  }
  if (handler.sleep !== undefined) {
    const seconds = (handler.sleep.seconds as number | undefined) ?? 0;
    actions.push(['sleep', validateSleep(seconds, gracePeriod, `${path}.sleep`)]);
  }
  return actions;
}

/** validateHandler: exactly one action, each valid. */
function validateHandler(handler: Handler, gracePeriod: number | undefined, path: string): FieldError[] {
  const actions = handlerActions(handler, gracePeriod, path);
  if (actions.length === 0) return [required(path, 'must specify a handler type')];
  return actions.flatMap(([name, errors], i) =>
    i === 0 ? errors : [forbidden(`${path}.${name}`, 'may not specify more than 1 handler type')],
  );
}

const PROBE_COUNTERS = [
  'initialDelaySeconds',
  'timeoutSeconds',
  'periodSeconds',
  'successThreshold',
  'failureThreshold',
] as const;

function validateProbe(probe: Probe, gracePeriod: number | undefined, path: string): FieldError[] {
  // A probe has no sleep action; everything else of its handler is checked as a lifecycle handler's.
  const handler: Handler = {};
  if (probe.exec !== undefined) handler.exec = probe.exec;
  if (probe.httpGet !== undefined) handler.httpGet = probe.httpGet;
  if (probe.tcpSocket !== undefined) handler.tcpSocket = probe.tcpSocket;
  if (probe.grpc !== undefined) handler.grpc = probe.grpc;
  const errors = validateHandler(handler, gracePeriod, path);
  for (const counter of PROBE_COUNTERS) errors.push(...validateNonnegative(probe[counter] ?? 0, `${path}.${counter}`));
  const grace = probe.terminationGracePeriodSeconds;
  if (grace !== undefined && grace <= 0) {
    errors.push(invalid(`${path}.terminationGracePeriodSeconds`, grace, 'must be greater than 0'));
  }
  return errors;
}

/** The three probes of a container that may have them, with each kind's own rule. */
export function validateProbes(
  container: { livenessProbe?: Probe; readinessProbe?: Probe; startupProbe?: Probe },
  gracePeriod: number | undefined,
  path: string,
): FieldError[] {
  const errors: FieldError[] = [];
  const mustSucceedOnce = (probe: Probe | undefined, probePath: string): void => {
    if (probe === undefined) return;
    errors.push(...validateProbe(probe, gracePeriod, probePath));
    const threshold = probe.successThreshold ?? 0;
    if (threshold !== 1) errors.push(invalid(`${probePath}.successThreshold`, threshold, 'must be 1'));
  };
  mustSucceedOnce(container.livenessProbe, `${path}.livenessProbe`);
  const readiness = container.readinessProbe;
  if (readiness !== undefined) {
    errors.push(...validateProbe(readiness, gracePeriod, `${path}.readinessProbe`));
    const grace = readiness.terminationGracePeriodSeconds;
    if (grace !== undefined) {
      const detail = 'must not be set for readinessProbes';
      errors.push(invalid(`${path}.readinessProbe.terminationGracePeriodSeconds`, grace, detail));
    }
  }
  mustSucceedOnce(container.startupProbe, `${path}.startupProbe`);
  return errors;
}

/** validateLifecycle: postStart and preStop handlers. */
export function validateLifecycle(lifecycle: Lifecycle, gracePeriod: number | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (lifecycle.postStart !== undefined) {
    errors.push(...validateHandler(lifecycle.postStart, gracePeriod, `${path}.postStart`));
  }
  if (lifecycle.preStop !== undefined)
    errors.push(...validateHandler(lifecycle.preStop, gracePeriod, `${path}.preStop`));
  return errors;
}
