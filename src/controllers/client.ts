/**
 * The one way controllers reach the cluster: the Kubernetes HTTP API, with a bearer token, as a separate process
 * would. Lists and watches (the shared informer's source), creates, updates (main and `status`) and deletes.
 */
import type { ListWatchSource, WatchEvent } from '../client/informer.ts';
import type { Fetcher } from './trusting-fetch.ts';

/** A REST collection the controllers use: its API group and plural name. */
export interface Resource {
  readonly group: string;
  readonly plural: string;
  readonly namespaced: boolean;
}

/** Where the API server is and the token it accepts. */
export interface ClientOptions {
  /** Base URL, e.g. `http://127.0.0.1:6443`. */
  readonly server: string;
  readonly token: string;
  /** How requests are sent; the global `fetch` unless a CA must be trusted (see `fetchTrusting`). */
  readonly fetch?: Fetcher;
}

/** A Kubernetes object as the API sends it. */
export type KubeObject = Record<string, unknown> & {
  metadata: Record<string, unknown> & { name: string; namespace?: string; uid?: string; resourceVersion?: string };
};

/** A failed request: the HTTP status and the `reason` of the `metav1.Status` body. */
export class ApiError extends Error {
  /** Builds the error from a response's status code and Status body. */
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Whether `error` is an API answer with this HTTP status. */
export function isApiError(error: unknown, code: number): error is ApiError {
  return error instanceof ApiError && error.code === code;
}

/** The URL path of a collection (all namespaces when `namespace` is undefined) or of one object in it. */
export function resourcePath(resource: Resource, namespace?: string, name?: string): string {
  const base = resource.group === '' ? '/api/v1' : `/apis/${resource.group}/v1`;
  const scope = resource.namespaced && namespace !== undefined ? `/namespaces/${namespace}` : '';
  return `${base}${scope}/${resource.plural}${name === undefined ? '' : `/${name}`}`;
}

/** A thin JSON client over `fetch`. */
export class ApiClient {
  private readonly closed = new AbortController();

  private readonly fetch: Fetcher;

  /** Remembers where to send requests. */
  constructor(private readonly options: ClientOptions) {
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
  }

  /** Aborts requests in flight and refuses new ones: a stopped controller must not write. */
  close(): void {
    this.closed.abort();
  }

  /** Sends one request and decodes the JSON answer; a non-2xx answer throws `ApiError`. */
  async request(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<KubeObject> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: `Bearer ${this.options.token}`,
    };
    if (body !== undefined) headers['content-type'] = contentType;
    if (this.closed.signal.aborted) throw new ApiError(0, 'ClientClosed', `${method} ${path}: client closed`);
    const response = await this.fetch(`${this.options.server}${path}`, {
      method,
      headers,
      signal: this.closed.signal,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const parsed = (text === '' ? {} : JSON.parse(text)) as KubeObject & { reason?: string; message?: string };
    if (!response.ok) {
      throw new ApiError(
        response.status,
        parsed.reason ?? '',
        parsed.message ?? `${method} ${path}: ${response.status}`,
      );
    }
    return parsed;
  }

  /** Lists a collection: its items and the list's resourceVersion, to watch from. */
  async list(resource: Resource): Promise<{ items: KubeObject[]; resourceVersion: string }> {
    const list = await this.request('GET', resourcePath(resource));
    const items = (list['items'] as KubeObject[] | null | undefined) ?? [];
    return { items, resourceVersion: list.metadata.resourceVersion ?? '' };
  }

  /** Creates an object in `namespace` and returns what was stored. */
  create(resource: Resource, namespace: string | undefined, body: unknown): Promise<KubeObject> {
    return this.request('POST', resourcePath(resource, namespace), body);
  }

  /** Replaces an object (optimistic concurrency through its `metadata.resourceVersion`). */
  update(resource: Resource, object: KubeObject): Promise<KubeObject> {
    return this.request('PUT', resourcePath(resource, object.metadata.namespace, object.metadata.name), object);
  }

  /** Replaces an object's status through the `status` subresource. */
  updateStatus(resource: Resource, object: KubeObject): Promise<KubeObject> {
    const path = `${resourcePath(resource, object.metadata.namespace, object.metadata.name)}/status`;
    return this.request('PUT', path, object);
  }

  /**
   * Deletes an object, only if it still has `uid` when one is given; `gracePeriodSeconds` overrides the object's own
   * grace period (0 removes a terminating Pod at once).
   */
  async delete(
    resource: Resource,
    namespace: string | undefined,
    name: string,
    uid?: string,
    gracePeriodSeconds?: number,
  ): Promise<void> {
    const body = {
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      propagationPolicy: 'Background',
      ...(gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds }),
      ...(uid === undefined ? {} : { preconditions: { uid } }),
    };
    await this.request('DELETE', resourcePath(resource, namespace, name), body);
  }

  /** Opens a watch from `resourceVersion`; `onEvent` sees each event; resolves when the stream ends. */
  async watch(
    resource: Resource,
    resourceVersion: string,
    signal: AbortSignal,
    onEvent: (event: WatchEvent<KubeObject>) => void,
  ): Promise<void> {
    const query = `?watch=true&allowWatchBookmarks=true&resourceVersion=${encodeURIComponent(resourceVersion)}`;
    const response = await this.fetch(`${this.options.server}${resourcePath(resource)}${query}`, {
      headers: { accept: 'application/json', authorization: `Bearer ${this.options.token}` },
      signal: AbortSignal.any([signal, this.closed.signal]),
    });
    if (!response.ok || response.body === null) {
      throw new ApiError(response.status, '', `watch ${resource.plural}: ${response.status}`);
    }
    const decoder = new TextDecoder();
    let buffered = '';
    for await (const chunk of response.body) {
      buffered += decoder.decode(chunk, { stream: true });
      for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line !== '') onEvent(JSON.parse(line) as WatchEvent<KubeObject>);
      }
    }
  }

  /** The list and watch of one collection, for the shared informer. */
  source(resource: Resource): ListWatchSource<KubeObject> {
    return {
      list: () => this.list(resource),
      watch: (resourceVersion, signal, onEvent) => this.watch(resource, resourceVersion, signal, onEvent),
    };
  }
}
