/**
 * Property-based fuzzing of the live API server (the cluster's real strategies, in process): request bodies
 * (JSON and YAML), query strings, JSON/merge/strategic/apply patches, DeleteOptions and protobuf bodies, each a
 * valid-looking request spoiled somewhere. Whatever arrives: no 500 (nor any 5xx), no internal error reported,
 * a rejected write leaves the store as it was (no partial writes), and the server still answers afterwards.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import { encodeKubernetesProtobuf } from '../src/apiserver/protobuf/index.ts';
import { call, startTestServer, testToken } from '../src/apiserver/testing.ts';
import { DEFAULT_NODE_PORT_RANGE } from '../src/allocator/port-range.ts';
import { clusterStrategies } from '../src/apiserver/registry/strategies.ts';
import type { ApiServer } from '../src/apiserver/server.ts';
import { openStore } from '../src/store/index.ts';
import type { Store } from '../src/store/types.ts';
import { FUZZ_KINDS, type Json, hostileValue, mutate, mutation } from './support/fuzz-bodies.ts';

let cluster: { server: ApiServer; store: Store };
const internalErrors: unknown[] = [];
let counter = 0;

before(async () => {
  // As a cluster runs it: the real strategies (allocation, validation) over a memory store.
  const store = await openStore('memory://');
  const network = { nodePortRange: DEFAULT_NODE_PORT_RANGE, serviceCIDR: '10.96.0.0/12' };
  const { strategies } = await clusterStrategies(store, network);
  const server = await startTestServer({ store, strategies, onInternalError: (error) => internalErrors.push(error) });
  cluster = { server, store };
});

after(async () => {
  await cluster.server.close();
  await cluster.store.close();
});

function uniqueName(): string {
  counter += 1;
  return `fuzz-${String(counter)}`;
}

/** Sends one request and checks the invariants: no 5xx, and a rejected write changed nothing in the store. */
async function expectSafe(method: string, path: string, body: string | Uint8Array | undefined, contentType?: string) {
  const revision = await cluster.store.currentRevision();
  const response = await call(cluster.server, method, path, {
    ...(body === undefined ? {} : { body }),
    ...(contentType === undefined ? {} : { contentType }),
  });
  const context = `${method} ${path} ${typeof body === 'string' ? body.slice(0, 400) : ''}`;
  assert.ok(response.status < 500, `${String(response.status)} for ${context}: ${response.text.slice(0, 400)}`);
  if (response.status >= 400 && method !== 'GET') {
    assert.equal(await cluster.store.currentRevision(), revision, `a rejected ${context} wrote to the store`);
  }
  return response;
}

function encode(object: unknown, yaml: boolean): { body: string; contentType: string } {
  return yaml
    ? { body: toYaml(object), contentType: 'application/yaml' }
    : { body: JSON.stringify(object), contentType: 'application/json' };
}

const kindIndex = fc.nat({ max: FUZZ_KINDS.length - 1 });

test('creates of spoiled objects (JSON and YAML) never answer 500 and never half-write', async () => {
  await fc.assert(
    fc.asyncProperty(
      kindIndex,
      fc.array(mutation, { minLength: 1, maxLength: 3 }),
      fc.boolean(),
      async (k, changes, yaml) => {
        const kind = FUZZ_KINDS[k];
        assert.ok(kind !== undefined);
        const object = changes.reduce<Json>((spoiled, change) => mutate(spoiled, change), kind.make(uniqueName()));
        const { body, contentType } = encode(object, yaml);
        await expectSafe('POST', kind.collection, body, contentType);
      },
    ),
    { numRuns: 150 },
  );
});

test('updates and deletes with spoiled bodies never answer 500 and never half-write', async () => {
  await fc.assert(
    fc.asyncProperty(kindIndex, mutation, hostileValue, async (k, change, grace) => {
      const kind = FUZZ_KINDS[k];
      assert.ok(kind !== undefined);
      const name = uniqueName();
      const created = await call(cluster.server, 'POST', kind.collection, { body: kind.make(name) });
      assert.equal(created.status, 201, created.text);
      const stored = created.body;
      await expectSafe('PUT', `${kind.collection}/${name}`, JSON.stringify(mutate(stored, change)));
      await expectSafe('PUT', `${kind.collection}/${name}/status`, JSON.stringify(mutate(stored, change)));
      const options = { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: grace, preconditions: grace };
      await expectSafe('DELETE', `${kind.collection}/${name}`, JSON.stringify(mutate(options, change)));
      await expectSafe(
        'DELETE',
        `${kind.collection}/${name}?gracePeriodSeconds=${encodeURIComponent(String(grace))}`,
        undefined,
      );
    }),
    { numRuns: 60 },
  );
});

const queryNames = fc.constantFrom(
  'watch',
  'allowWatchBookmarks',
  'sendInitialEvents',
  'timeoutSeconds',
  'limit',
  'continue',
  'resourceVersion',
  'resourceVersionMatch',
  'labelSelector',
  'fieldSelector',
  'dryRun',
  'gracePeriodSeconds',
  'propagationPolicy',
  'fieldManager',
  'force',
  'includeObject',
  'pretty',
);
const queryValue = fc.oneof(
  fc.constantFrom('True', 'true', '1', 'f', '', 'abc', '-1', '0', '1e30', '9223372036854775808', 'All', '%ZZ', 'a=b,c'),
  fc.string({ maxLength: 20 }),
);

/** A GET (list, get or watch) with a spoiled query: its status only (a watch is hung up once it answers). */
async function probeGet(path: string): Promise<number> {
  const controller = new AbortController();
  const response = await fetch(`${cluster.server.url}${path}`, {
    headers: { authorization: `Bearer ${testToken}`, accept: 'application/json' },
    signal: controller.signal,
  });
  controller.abort();
  return response.status;
}

test('query strings of every known parameter with hostile values never answer 500', async () => {
  const service = FUZZ_KINDS[0];
  assert.ok(service !== undefined);
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(queryNames, queryValue), { maxLength: 5 }), kindIndex, async (pairs, k) => {
      const kind = FUZZ_KINDS[k] ?? service;
      const query = pairs.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
      for (const path of [
        `${kind.collection}?${query}`,
        `${kind.collection}/x?${query}`,
        `${kind.collection}?${query.replaceAll('%', '%%')}`,
      ]) {
        const status = await probeGet(path);
        assert.ok(status < 500, `${String(status)} for GET ${path}`);
      }
    }),
    { numRuns: 100 },
  );
});

const pointer = fc.oneof(
  fc.constantFrom(
    '/spec',
    '/spec/ports',
    '/spec/ports/0',
    '/spec/ports/-',
    '/metadata/name',
    '/metadata/labels/a',
    '/',
    '',
    '/spec/ports/99',
    '/metadata/annotations',
    '/x~1y',
    '/spec/containers/0/name',
  ),
  fc.string({ maxLength: 15 }),
);
const jsonPatchOp = fc.record(
  {
    op: fc.oneof(fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test'), fc.string({ maxLength: 6 })),
    path: pointer,
    from: pointer,
    value: hostileValue,
  },
  { requiredKeys: ['op'] },
);
const strategicBase: Json = {
  spec: { ports: [{ port: 80, ['$patch']: 'delete' }], ['$setElementOrder/ports']: [{ port: 80 }] },
};
const patchBody = fc.oneof(
  fc.array(jsonPatchOp, { maxLength: 6 }).map((ops) => ({ type: 'application/json-patch+json', body: ops })),
  fc.jsonValue({ maxDepth: 4 }).map((body) => ({ type: 'application/merge-patch+json', body })),
  fc.jsonValue({ maxDepth: 4 }).map((body) => ({ type: 'application/strategic-merge-patch+json', body })),
  mutation.map((change) => ({
    type: 'application/merge-patch+json',
    body: mutate({ spec: { ports: [{ port: 1 }] } }, change),
  })),
  mutation.map((change) => ({
    type: 'application/strategic-merge-patch+json',
    body: mutate(strategicBase, change),
  })),
  mutation.map((change) => ({ type: 'application/apply-patch+yaml', body: change })),
);

test('JSON, merge, strategic and apply patches with hostile operations never answer 500 and never half-write', async () => {
  const targets = FUZZ_KINDS.slice(0, 3);
  const names: string[] = [];
  for (const kind of targets) {
    const name = uniqueName();
    const created = await call(cluster.server, 'POST', kind.collection, { body: kind.make(name) });
    assert.equal(created.status, 201, created.text);
    names.push(name);
  }
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: targets.length - 1 }), patchBody, fc.boolean(), async (t, patch, asApply) => {
      const kind = targets[t];
      const name = names[t];
      assert.ok(kind !== undefined && name !== undefined);
      let body = patch.body;
      if (patch.type === 'application/apply-patch+yaml')
        body = asApply ? mutate(kind.make(name), patch.body as never) : patch.body;
      const text = patch.type === 'application/apply-patch+yaml' ? toYaml(body) : JSON.stringify(body);
      const path = `${kind.collection}/${name}?fieldManager=fuzz`;
      await expectSafe('PATCH', path, text, patch.type);
      await expectSafe('PATCH', `${kind.collection}/${name}/status`, text, patch.type);
    }),
    { numRuns: 150 },
  );
});

test('protobuf bodies, valid and spoiled byte by byte, never answer 500 and never half-write', async () => {
  const kinds = FUZZ_KINDS.filter((kind) => !kind.collection.includes('coordination'));
  await fc.assert(
    fc.asyncProperty(
      fc.nat({ max: kinds.length - 1 }),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
      fc.option(fc.nat(), { nil: undefined }),
      async (k, flips, cut) => {
        const kind = kinds[k];
        assert.ok(kind !== undefined);
        let bytes: Uint8Array;
        try {
          bytes = encodeKubernetesProtobuf(kind.make(uniqueName()));
        } catch {
          return;
        }
        const spoiled = Uint8Array.from(bytes);
        for (const [at, value] of flips) spoiled[4 + (at % Math.max(1, spoiled.length - 4))] = value;
        const body = cut === undefined ? spoiled : spoiled.subarray(0, cut % (spoiled.length + 1));
        await expectSafe('POST', kind.collection, body, 'application/vnd.kubernetes.protobuf');
      },
    ),
    { numRuns: 150 },
  );
});

test('after all of it the server still answers, and reported no internal error', async () => {
  const answer = await call(cluster.server, 'GET', '/api/v1/namespaces/default');
  assert.equal(answer.status, 200);
  const health = await call(cluster.server, 'GET', '/readyz');
  assert.equal(health.status, 200);
  assert.deepEqual(internalErrors, []);
});
