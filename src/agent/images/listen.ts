/**
 * Starting and stopping the HTTP servers behind the built-in images, so each image is just a request handler.
 * Every image listens through the guarded server (`src/httpserver`): a request target Node cannot parse, garbage
 * on the wire or a handler that throws gets a 4xx/500 and the image keeps serving.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { createGuardedServer, type GuardedHandler, type GuardOptions } from '../../httpserver/index.ts';

/** What an image's request handler is: it gets the already-split request target. */
export type ImageHandler = GuardedHandler;

/**
 * Images answer every method and ignore bodies, as agnhost does; a body is still read up to 1 MiB (Node
 * discards it) so a client that sends one is not cut off, and anything larger is refused.
 */
const imageGuard: GuardOptions = { maxBodyBytes: 1024 * 1024 };

/** A listening image server: the port it got (useful with port 0) and how to stop it. */
export interface RunningServer {
  readonly server: Server;
  readonly port: number;
  /** Stops accepting, ends idle keep-alive connections, and resolves once the server is closed. */
  close(): Promise<void>;
}

/** Where an image listens: `host` undefined means every address, as a container process would. */
export interface ListenOptions {
  readonly port: number;
  readonly host?: string | undefined;
}

/** Listens with `handler` on `options.port` (0 picks a free port) and resolves once it accepts connections. */
export function listenHttp(handler: ImageHandler, options: ListenOptions): Promise<RunningServer> {
  const server = createGuardedServer(handler, imageGuard);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, ...(options.host === undefined ? {} : { host: options.host }) }, () => {
      server.off('error', reject);
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : options.port;
      resolve({ server, port, close: () => closeServer(server) });
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
    // Keep-alive connections would otherwise hold close() open until they time out.
    server.closeAllConnections();
  });
}

/** The client's address as the server saw it, with IPv4-mapped IPv6 (`::ffff:a.b.c.d`) shown as plain IPv4. */
export function clientAddress(socket: Socket): { readonly ip: string; readonly port: number } {
  const raw = socket.remoteAddress ?? '';
  const ip = raw.toLowerCase().startsWith('::ffff:') && raw.includes('.') ? raw.slice('::ffff:'.length) : raw;
  return { ip, port: socket.remotePort ?? 0 };
}

/** `ip:port`, with brackets around IPv6 as Go's `net.JoinHostPort` writes it. */
export function joinHostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}
