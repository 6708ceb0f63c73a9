/** Small API helpers for tests that drive the controllers: a checked request, and waiting on a watch for a state. */
import assert from 'node:assert/strict';
import type { ApiServer } from '../../src/apiserver/server.ts';
import { call, openWatch } from '../../src/apiserver/testing.ts';

/** A Kubernetes object as these tests read it. */
export type Obj = Record<string, unknown> & { metadata: Record<string, unknown> & { name: string; uid: string } };

/** Request helpers bound to one server. */
export interface ApiWaits {
  /** Sends a request that must succeed (2xx) and returns the body. */
  readonly must: (method: string, path: string, body?: unknown, contentType?: string) => Promise<Obj>;
  /** Lists `path`, then watches it until `predicate` holds for the whole collection; fails after 5 s of no match. */
  readonly waitFor: (path: string, predicate: (items: Obj[]) => boolean, what: string) => Promise<Obj[]>;
}

/** The helpers for `server`. */
export function apiWaits(server: ApiServer): ApiWaits {
  const must: ApiWaits['must'] = async (method, path, body, contentType) => {
    const response = await call(server, method, path, {
      ...(body === undefined ? {} : { body }),
      ...(contentType === undefined ? {} : { contentType }),
    });
    assert.ok(response.status < 300, `${method} ${path}: ${response.status} ${response.text}`);
    return response.body as Obj;
  };
  const waitFor: ApiWaits['waitFor'] = async (path, predicate, what) => {
    const list = await must('GET', path);
    const items = new Map((list['items'] as Obj[]).map((item) => [item.metadata.name, item]));
    if (predicate([...items.values()])) return [...items.values()];
    const separator = path.includes('?') ? '&' : '?';
    const rv = String(list.metadata['resourceVersion']);
    const watch = await openWatch(server, `${path}${separator}watch=true&resourceVersion=${rv}`);
    // A guard against hanging the suite, not a timing assertion: the controllers act within milliseconds.
    const timer = setTimeout(() => {
      watch.close();
    }, 5000);
    try {
      for (let event = await watch.next(); event !== undefined; event = await watch.next()) {
        const object = event.object as Obj;
        if (event.type === 'DELETED') items.delete(object.metadata.name);
        else if (event.type !== 'BOOKMARK') items.set(object.metadata.name, object);
        if (predicate([...items.values()])) return [...items.values()];
      }
    } finally {
      clearTimeout(timer);
      watch.close();
    }
    assert.fail(`timed out waiting for ${what}: ${JSON.stringify([...items.values()].map((i) => i.metadata.name))}`);
  };
  return { must, waitFor };
}
