/**
 * agnhost `netexec`, the parts Services tests lean on: `/`, `/hostname` (`/hostName`), `/clientip`, `/echo`,
 * `/healthz`, and a UDP server answering `hostname`, `echo <msg>`, `clientip`. Response bodies match upstream's.
 * `/shell` and the other endpoints that run or change things on the machine are refused: pods here are plain
 * processes on the host, not sandboxed containers.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import type { RequestTarget } from '../../httpserver/index.ts';
import { ImageArgsError, parseFlags, portFlag } from './flags.ts';
import { clientAddress, type ImageHandler, joinHostPort, listenHttp, type RunningServer } from './listen.ts';

/** netexec's settings from its flags. */
export interface NetexecOptions {
  /** `--http-port`, 8080 by default. */
  readonly httpPort: number;
  /** `--udp-port`, 8081 by default; -1 turns the UDP server off. */
  readonly udpPort: number;
}

/** Endpoints refused with 501: they would run commands or touch files or the process on the host. */
const REFUSED_PATHS = new Set(['/shell', '/upload', '/exit', '/shutdown', '/dial', '/redirect']);

/** Parses netexec's arguments (those after the `netexec` verb); throws `ImageArgsError` on anything unsupported. */
export function parseNetexecArgs(args: readonly string[]): NetexecOptions {
  const flags = parseFlags('netexec', args, { 'http-port': 'int', 'udp-port': 'int' });
  const httpPort = portFlag('netexec', 'http-port', flags.get('http-port'), 8080);
  if (httpPort < 0) throw new ImageArgsError('netexec: --http-port must be a port, got -1');
  return { httpPort, udpPort: portFlag('netexec', 'udp-port', flags.get('udp-port'), 8081) };
}

/** Go's `time.Now().String()` shape in UTC (`2006-01-02 15:04:05.000000000 +0000 UTC`), for `/`. */
export function goTimeString(date: Date): string {
  const iso = date.toISOString(); // 2006-01-02T15:04:05.000Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}000000 +0000 UTC`;
}

/** A status and a plain-text body. */
export interface NetexecReply {
  readonly status: number;
  readonly body: string;
}

/** The path as Go's `URL.Path` holds it (escapes decoded); undefined when an escape is invalid. */
function decodedPath(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

/** What netexec answers for `target` from `client` (`ip:port`): pure, so each endpoint is testable alone. */
export function netexecReply(target: RequestTarget, client: string, hostname: string, now: Date): NetexecReply {
  const path = decodedPath(target.path);
  // Go's server refuses a target with a bad escape before any handler runs.
  if (path === undefined) return { status: 400, body: '400 Bad Request' };
  if (path === '/hostname' || path === '/hostName') return { status: 200, body: hostname };
  if (path === '/clientip') return { status: 200, body: client };
  if (path === '/healthz') return { status: 200, body: '' };
  if (path === '/echo') return echoReply(target.query);
  if (REFUSED_PATHS.has(path)) {
    return { status: 501, body: `${path} is not supported: Portico runs pods as host processes, not containers\n` };
  }
  // Upstream registers its root handler on "/", so every other path lands here too.
  return { status: 200, body: `NOW: ${goTimeString(now)}` };
}

/** The HTTP handler for netexec; `hostname` is what `/hostname` answers (the pod name), `now` the clock. */
export function netexecHandler(hostname: string, now: () => Date = () => new Date()): ImageHandler {
  return (request, response, target) => {
    const client = clientAddress(request.socket);
    const reply = netexecReply(target, joinHostPort(client.ip, client.port), hostname, now());
    // Go sets Content-Length on a small body written in one go.
    response.writeHead(reply.status, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': String(Buffer.byteLength(reply.body)),
    });
    response.end(reply.body);
  };
}

function echoReply(query: URLSearchParams): NetexecReply {
  const msg = query.get('msg') ?? '';
  const code = query.get('code') ?? '';
  if (code === '') return { status: 200, body: msg };
  const status = /^\d{3}$/.test(code) ? Number(code) : NaN;
  if (Number.isNaN(status) || status < 100 || status > 599) {
    return { status: 200, body: `argument 'code' must be an integer or empty, got ${JSON.stringify(code)}\n` };
  }
  return { status, body: msg };
}

/** Answers one UDP request the way upstream's UDP server does, or undefined for an unknown command. */
export function netexecUdpReply(request: string, hostname: string, client: string): string | undefined {
  const text = request.trim();
  if (text === 'hostname' || text === 'hostName') return hostname;
  if (text === 'clientip') return client;
  if (text.startsWith('echo ')) return text.slice('echo '.length);
  return undefined;
}

/** A running netexec: its HTTP server and, unless turned off, its UDP socket. */
export interface RunningNetexec extends RunningServer {
  /** The UDP port it bound, or -1 when the UDP server is off. */
  readonly udpPort: number;
}

/** Starts netexec's servers; `host` undefined listens on every address. */
export async function startNetexec(options: NetexecOptions, hostname: string, host?: string): Promise<RunningNetexec> {
  const http = await listenHttp(netexecHandler(hostname), { port: options.httpPort, host });
  if (options.udpPort < 0) return { ...http, udpPort: -1 };
  let udp: UdpSocket;
  try {
    udp = await bindUdp(options.udpPort, hostname, host);
  } catch (error) {
    await http.close();
    throw error;
  }
  const close = async (): Promise<void> => {
    await new Promise<void>((resolve) => {
      udp.close(() => {
        resolve();
      });
    });
    await http.close();
  };
  return { ...http, udpPort: udp.address().port, close };
}

function bindUdp(port: number, hostname: string, host?: string): Promise<UdpSocket> {
  const socket = createSocket(host?.includes(':') === true ? 'udp6' : 'udp4');
  socket.on('message', (message, remote) => {
    const reply = netexecUdpReply(message.toString(), hostname, joinHostPort(remote.address, remote.port));
    if (reply !== undefined) socket.send(reply, remote.port, remote.address);
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind({ port, ...(host === undefined ? {} : { address: host }) }, () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });
}
