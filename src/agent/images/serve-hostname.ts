/** agnhost `serve-hostname`: every HTTP request gets the hostname (the pod name) as its whole body. */
import { ImageArgsError, parseFlags, portFlag } from './flags.ts';
import { type ImageHandler, listenHttp, type RunningServer } from './listen.ts';

/** serve-hostname's settings from its flags. */
export interface ServeHostnameOptions {
  /** `--port`, 9376 by default. */
  readonly port: number;
  /** `--close`: answer with `Connection: close`, so each request needs a new connection. */
  readonly close: boolean;
}

/** Parses serve-hostname's arguments; raw `--tcp`/`--udp` serving is not built in and is refused. */
export function parseServeHostnameArgs(args: readonly string[]): ServeHostnameOptions {
  const flags = parseFlags('serve-hostname', args, {
    port: 'int',
    close: 'bool',
    http: 'bool',
    tcp: 'bool',
    udp: 'bool',
  });
  if (flags.get('tcp') === true || flags.get('udp') === true || flags.get('http') === false) {
    throw new ImageArgsError('serve-hostname: only --http serving is built in (not --tcp or --udp)');
  }
  const port = portFlag('serve-hostname', 'port', flags.get('port'), 9376);
  if (port < 0) throw new ImageArgsError('serve-hostname: --port must be a port, got -1');
  return { port, close: flags.get('close') === true };
}

/** The HTTP handler for serve-hostname. */
export function serveHostnameHandler(hostname: string, close = false): ImageHandler {
  return (_request, response) => {
    response.writeHead(200, {
      'content-type': 'text/plain; charset=utf-8',
      ...(close ? { connection: 'close' } : {}),
    });
    response.end(hostname);
  };
}

/** Starts serve-hostname; `host` undefined listens on every address. */
export function startServeHostname(
  options: ServeHostnameOptions,
  hostname: string,
  host?: string,
): Promise<RunningServer> {
  return listenHttp(serveHostnameHandler(hostname, options.close), { port: options.port, host });
}
