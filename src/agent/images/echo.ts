/**
 * `portico/echo`: answers every request with who served it (pod, pod IP, node) and who asked (client IP and
 * port), so a curl through a NodePort shows whether the source address survived the trip.
 */
import type { IncomingMessage } from 'node:http';
import { clientAddress, type ImageHandler, joinHostPort, listenHttp, type RunningServer } from './listen.ts';

/** The container port `portico/echo` listens on unless `PORT` says otherwise. */
export const ECHO_DEFAULT_PORT = 80;

/** Who the echo server says it is; the agent passes these as `POD_NAME`, `POD_IP`, `NODE_NAME`. */
export interface EchoIdentity {
  readonly podName: string;
  readonly podIP: string;
  readonly nodeName: string;
}

/** One echo answer, as JSON and as the text lines. */
export interface EchoReply extends EchoIdentity {
  readonly clientIP: string;
  readonly clientPort: number;
  readonly method: string;
  readonly path: string;
}

/** Reads the identity from the environment the agent gives the process; missing values read as empty. */
export function echoIdentityFromEnv(env: NodeJS.ProcessEnv): EchoIdentity {
  return { podName: env['POD_NAME'] ?? '', podIP: env['POD_IP'] ?? '', nodeName: env['NODE_NAME'] ?? '' };
}

/** True when the client asked for JSON (`Accept: application/json` or any `+json` type). */
export function acceptsJson(request: IncomingMessage): boolean {
  const accept = request.headers.accept ?? '';
  return /application\/(?:[\w.-]+\+)?json/i.test(accept);
}

/** The plain-text form: one `key: value` line each, readable in a terminal after `curl`. */
export function formatEchoText(reply: EchoReply): string {
  return [
    `pod: ${reply.podName}`,
    `pod IP: ${reply.podIP}`,
    `node: ${reply.nodeName}`,
    `client: ${joinHostPort(reply.clientIP, reply.clientPort)}`,
    `request: ${reply.method} ${reply.path}`,
    '',
  ].join('\n');
}

/** The request handler for `portico/echo`. */
export function echoHandler(identity: EchoIdentity): ImageHandler {
  return (request, response) => {
    const client = clientAddress(request.socket);
    const reply: EchoReply = {
      ...identity,
      clientIP: client.ip,
      clientPort: client.port,
      method: request.method ?? 'GET',
      path: request.url ?? '/',
    };
    const json = acceptsJson(request);
    response.writeHead(200, { 'content-type': json ? 'application/json' : 'text/plain; charset=utf-8' });
    response.end(json ? `${JSON.stringify(reply)}\n` : formatEchoText(reply));
  };
}

/** Starts `portico/echo` on `port` (0 picks one); `host` undefined listens on every address. */
export function startEcho(identity: EchoIdentity, port: number, host?: string): Promise<RunningServer> {
  return listenHttp(echoHandler(identity), { port, host });
}
