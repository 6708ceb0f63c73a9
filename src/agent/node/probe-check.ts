/** One probe attempt: `httpGet`, `tcpSocket` or `exec`, bounded by `timeoutSeconds` on the agent's clock. */
import * as http from 'node:http';
import * as https from 'node:https';
import { connect } from 'node:net';
import type { Container, HTTPGetAction, Probe } from 'kubernetes-types/core/v1.d.ts';
import type { AgentClock } from './clock.ts';
import type { ProcessLauncher } from './types.ts';

/** Where a container's probes go: its pod's IP and namespace, and how to run commands inside it. */
export interface ProbeTarget {
  readonly podIP: string;
  readonly podNamespace: string;
  readonly container: Container;
  /** The container's environment, which `exec` probes run with. */
  readonly env: Readonly<Record<string, string>>;
  readonly launcher: ProcessLauncher;
  readonly clock: AgentClock;
}

/** Starts an attempt that calls `finish` once; returns how to abandon it (resolving once it is over). */
type Attempt = (finish: (ok: boolean) => void) => () => Promise<void> | undefined;

/** A named port is looked up in the container's `ports`; an unknown name resolves to `undefined`. */
export function resolveProbePort(port: number | string, container: Container): number | undefined {
  if (typeof port === 'number') return port;
  const named = container.ports?.find((p) => p.name === port);
  if (named !== undefined) return named.containerPort;
  return /^\d+$/.test(port) ? Number(port) : undefined;
}

/**
 * Runs `probe` once against `target`; resolves true on success, false on failure, timeout or `signal`, and only
 * once an `exec` probe's process has ended.
 */
export function runProbe(probe: Probe, target: ProbeTarget, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  const attempt = probeAttempt(probe, target);
  if (attempt === undefined) return Promise.resolve(false);
  return new Promise((resolve) => {
    let settled = false;
    let abandon: () => Promise<void> | undefined = () => undefined;
    const onAbort = (): void => {
      finish(false);
    };
    const finish = (ok: boolean): void => {
      if (settled) return;
      settled = true;
      cancelTimer();
      signal?.removeEventListener('abort', onAbort);
      void Promise.resolve(abandon()).then(() => {
        resolve(ok);
      });
    };
    const cancelTimer = target.clock.setTimer(timeoutMs, onAbort);
    abandon = attempt(finish);
    if (signal?.aborted === true) finish(false);
    else signal?.addEventListener('abort', onAbort);
  });
}

function probeAttempt(probe: Probe, target: ProbeTarget): Attempt | undefined {
  if (probe.httpGet !== undefined) return httpAttempt(probe.httpGet, target);
  if (probe.tcpSocket !== undefined) {
    const port = resolveProbePort(probe.tcpSocket.port, target.container);
    const host = probe.tcpSocket.host ?? target.podIP;
    return port === undefined ? undefined : tcpAttempt(host, port);
  }
  if (probe.exec?.command !== undefined) return execAttempt(probe.exec.command, target);
  // gRPC probes are not supported: they always fail.
  return undefined;
}

/** Upstream counts 200–399 as success; redirects are not followed. */
function httpAttempt(action: HTTPGetAction, target: ProbeTarget): Attempt | undefined {
  const port = resolveProbePort(action.port, target.container);
  if (port === undefined) return undefined;
  const secure = action.scheme === 'HTTPS';
  const headers: Record<string, string> = { 'User-Agent': 'kube-probe/portico' };
  for (const header of action.httpHeaders ?? []) headers[header.name] = header.value;
  const options = { host: action.host ?? target.podIP, port, path: action.path ?? '/', headers, agent: false };
  return (finish) => {
    const onResponse = (response: http.IncomingMessage): void => {
      response.resume();
      const status = response.statusCode ?? 0;
      finish(status >= 200 && status < 400);
    };
    // Like upstream, an HTTPS probe does not verify the certificate.
    const request = secure
      ? https.request({ ...options, rejectUnauthorized: false }, onResponse)
      : http.request(options, onResponse);
    request.on('error', () => {
      finish(false);
    });
    request.end();
    return () => {
      request.destroy();
      return undefined;
    };
  };
}

function tcpAttempt(host: string, port: number): Attempt {
  return (finish) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      finish(true);
    });
    socket.once('error', () => {
      finish(false);
    });
    return () => {
      socket.destroy();
      return undefined;
    };
  };
}

/** The command runs inside the pod's namespace through the launcher; exit code 0 is success. */
function execAttempt(command: readonly string[], target: ProbeTarget): Attempt {
  return (finish) => {
    let abandoned = false;
    const launched = target.launcher.launch({ podNamespace: target.podNamespace, argv: command, env: target.env });
    launched
      .then((child) => {
        if (abandoned) child.kill('SIGKILL');
        return child.exited;
      })
      .then(
        (code) => {
          finish(code === 0);
        },
        () => {
          finish(false);
        },
      );
    return () => {
      abandoned = true;
      // A process that outlived its probe is killed and awaited, so none is left behind.
      return launched.then(
        async (child) => {
          child.kill('SIGKILL');
          await child.exited;
        },
        () => undefined,
      );
    };
  };
}
