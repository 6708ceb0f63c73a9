/**
 * `createApiServer`: a Kubernetes-API-compatible HTTPS server over a store. It listens, creates the
 * bootstrap objects (system namespaces, `default/kubernetes`) through the registry, and then reports ready.
 */
import type { AddressInfo } from 'node:net';
import { kubernetesServiceIP } from '../allocator/cluster-ip-allocator.ts';
import { DEFAULT_COMPACTION_INTERVAL_MS, openStore, startCompactor, type CompactionTimer } from '../store/index.ts';
import type { Store } from '../store/types.ts';
import { bootstrapObjects } from './bootstrap.ts';
import type { ServerCredentials } from './credentials.ts';
import { kubeletClientToken } from '../client/node-credentials.ts';
import { tokenAuthenticator } from './auth/users.ts';
import { buildApp } from './http/app.ts';
import type { ListenerTimeouts } from './http/listener.ts';
import type { ProtobufDecoder } from './http/body.ts';
import { genericStrategy } from './registry/generic.ts';
import type { Strategy } from './registry/strategy.ts';
import type { ResourceInfo } from './resources.ts';
import { type WatchContext } from './watch/serve-watch.ts';
import { WatchRegistry, type WatchSettings, defaultWatchSettings } from './watch/settings.ts';
import { decodeProtobufBody } from './protobuf-body.ts';

/** How to run the server. */
export interface ApiServerOptions {
  /** An open store (the caller closes it), or a store URL (`memory://`, `sqlite:///path`) the server opens and closes. */
  readonly store: Store | string;
  /** TLS certificate and key, and the admin token (unless `token` overrides it). */
  readonly credentials?: ServerCredentials;
  /** Serve plain HTTP instead of HTTPS: for tests only, and only when asked. */
  readonly plainHttp?: boolean;
  /**
   * The admin bearer token (may do anything); defaults to the credentials' admin token. Node tokens issued from it
   * (`issueNodeToken`) are accepted too, and the kubelet-client token sent to nodes is derived from it.
   */
  readonly token?: string;
  /** The listener's header, request, idle and keep-alive timeouts (tests scale them down). */
  readonly timeouts?: Partial<ListenerTimeouts>;
  /** Bind address; default 127.0.0.1. */
  readonly host?: string;
  /** Port; default 6443, 0 picks a free one. */
  readonly port?: number;
  /** The address the kubernetes Service's endpoints point at; default the bind address (127.0.0.1 for a wildcard). */
  readonly advertiseAddress?: string;
  /** `--service-cluster-ip-range`; its first address is the kubernetes Service's ClusterIP. Default 10.96.0.0/12. */
  readonly serviceCIDR?: string;
  /** Resource strategies; resources without one get the generic strategy. */
  readonly strategies?: (info: ResourceInfo) => Strategy | undefined;
  /** The clock (timestamps, AGE columns). */
  readonly now?: () => Date;
  readonly watch?: Partial<WatchSettings>;
  /** Decoder for protobuf bodies; the default reads what kubectl ≥ 1.32 sends. */
  readonly decodeProtobuf?: ProtobufDecoder;
  /** How long a kubelet may take to answer a `pods/log` request (default 30 s). */
  readonly kubeletTimeoutMs?: number;
  /** Told about every failure answered with a 500 (default: printed on stderr). */
  readonly onInternalError?: (error: unknown) => void;
  /** `--etcd-compaction-interval`: how often history is compacted (default 5 minutes; 0 disables). */
  readonly compactionIntervalMs?: number;
  /** The compactor's timer (tests fire it by hand). */
  readonly compactionTimer?: CompactionTimer;
}

/** A running server. */
export interface ApiServer {
  /** `https://127.0.0.1:PORT` (or `http://` with plainHttp). */
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  /** The registry the handlers use (for in-process callers and tests). */
  readonly context: WatchContext;
  /** Stops listening, ends open watches, and closes the store if the server opened it. */
  close(): Promise<void>;
}

function tokenOf(options: ApiServerOptions): string {
  const token = options.token ?? options.credentials?.adminToken;
  if (token === undefined || token === '') throw new Error('createApiServer: a token (or credentials) is required');
  return token;
}

function tlsOf(options: ApiServerOptions): { cert: string; key: string } | undefined {
  if (options.plainHttp === true) return undefined;
  if (options.credentials === undefined) throw new Error('createApiServer: credentials are required for HTTPS');
  return { cert: options.credentials.serverCert, key: options.credentials.serverKey };
}

function strategyLookup(options: ApiServerOptions): (info: ResourceInfo) => Strategy {
  const cache = new Map<ResourceInfo, Strategy>();
  return (info) => {
    let strategy = cache.get(info);
    if (strategy === undefined) {
      strategy = options.strategies?.(info) ?? genericStrategy(info);
      cache.set(info, strategy);
    }
    return strategy;
  };
}

function advertised(options: ApiServerOptions, host: string): string {
  if (options.advertiseAddress !== undefined) return options.advertiseAddress;
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}

function buildContext(options: ApiServerOptions, store: Store): WatchContext {
  return {
    store,
    strategyFor: strategyLookup(options),
    now: options.now ?? (() => new Date()),
    decodeProtobuf: options.decodeProtobuf ?? decodeProtobufBody,
    watchSettings: { ...defaultWatchSettings, ...options.watch },
    watches: new WatchRegistry(),
  };
}

/** Compacts the store's history on a schedule, as kube-apiserver compacts etcd; returns the stop. */
function startHistoryCompaction(options: ApiServerOptions, store: Store): () => Promise<void> {
  const compactor = startCompactor(store, {
    intervalMs: options.compactionIntervalMs ?? DEFAULT_COMPACTION_INTERVAL_MS,
    ...(options.compactionTimer === undefined ? {} : { timer: options.compactionTimer }),
    onError: (error) => {
      console.error('apiserver: compaction failed (retried at the next interval):', error);
    },
  });
  return () => compactor.stop();
}

/**
 * Starts the server and resolves once it is ready (bootstrap objects in place).
 *
 * @example
 * const server = await createApiServer({ store: 'memory://', credentials: ensureCredentials(dir), port: 0 });
 */
export async function createApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const token = tokenOf(options);
  const tls = tlsOf(options);
  const ownsStore = typeof options.store === 'string';
  const store = typeof options.store === 'string' ? await openStore(options.store) : options.store;
  const context = buildContext(options, store);
  const { watches } = context;
  const host = options.host ?? '127.0.0.1';
  let ready = false;
  let serverAddress = '';
  const app = buildApp({
    context,
    authenticate: tokenAuthenticator(token),
    kubeletClientToken: kubeletClientToken(token),
    ...(options.timeouts === undefined ? {} : { timeouts: options.timeouts }),
    system: { ready: () => ready, serverAddressOf: () => serverAddress },
    ...(tls === undefined ? {} : { tls }),
    ...(options.kubeletTimeoutMs === undefined ? {} : { kubeletTimeoutMs: options.kubeletTimeoutMs }),
    onInternalError:
      options.onInternalError ??
      ((error) => {
        console.error('apiserver: internal error:', error);
      }),
  });
  app.addHook('preClose', (done) => {
    watches.abortAll();
    done();
  });
  let stopCompactor = (): Promise<void> => Promise.resolve();
  const close = async (): Promise<void> => {
    await stopCompactor();
    await app.close();
    if (ownsStore) await store.close();
  };
  try {
    await app.listen({ host, port: options.port ?? 6443 });
    const port = (app.server.address() as AddressInfo).port;
    serverAddress = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    const serviceIP = kubernetesServiceIP(options.serviceCIDR ?? '10.96.0.0/12');
    if (serviceIP === undefined) throw new Error(`service CIDR ${options.serviceCIDR ?? ''} has no usable address`);
    await bootstrapObjects(context, { serviceIP, address: advertised(options, host), port });
    stopCompactor = startHistoryCompaction(options, store);
    ready = true;
    const url = `${tls === undefined ? 'http' : 'https'}://${serverAddress}`;
    return { url, port, store, context, close };
  } catch (error) {
    await close();
    throw error;
  }
}
