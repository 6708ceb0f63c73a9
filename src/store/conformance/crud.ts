/** Conformance: create, get, list, update and delete, with the revisions and stamps they carry. */
import assert from 'node:assert/strict';
import { rejectsWith, service, serviceKey, type Cases } from './harness.ts';

/** Cases: create and get. */
export const createCases: Cases = {
  'create stores a copy stamped with the new revision; get returns it': async (store) => {
    const input = service('web');
    const created = await store.create(serviceKey('web'), input);
    assert.equal(created.key, serviceKey('web'));
    assert.equal(created.modRevision, 1);
    assert.equal(created.createRevision, 1);
    assert.equal(created.object.metadata.resourceVersion, '1');
    assert.deepEqual(input, service('web'), 'the caller keeps its object unchanged');
    const got = await store.get(serviceKey('web'));
    assert.deepEqual(got, created);
  },

  'a resourceVersion given by the caller is replaced by the store': async (store) => {
    await store.create('/a', { metadata: { name: 'a', resourceVersion: '999' } });
    const got = await store.get('/a');
    assert.equal(got?.object.metadata.resourceVersion, '1');
  },

  'an object without metadata gets metadata.resourceVersion': async (store) => {
    const created = await store.create('/bare', { data: { x: 1 } });
    assert.deepEqual(created.object, { data: { x: 1 }, metadata: { resourceVersion: '1' } });
  },

  'create on an existing key fails with AlreadyExists and writes nothing': async (store) => {
    await store.create(serviceKey('web'), service('web'));
    await rejectsWith(store.create(serviceKey('web'), service('web', 81)), 'AlreadyExists');
    assert.equal(await store.currentRevision(), 1);
    assert.deepEqual((await store.get(serviceKey('web')))?.object.spec, { ports: [{ port: 80 }] });
  },

  'get of a missing key is undefined': async (store) => {
    assert.equal(await store.get(serviceKey('nothing')), undefined);
  },

  'objects returned are copies: changing them changes nothing stored': async (store) => {
    const created = await store.create('/a', { metadata: { name: 'a' }, spec: { n: 1 } });
    created.object.spec = { n: 2 };
    const first = await store.get('/a');
    assert.ok(first);
    first.object.metadata.name = 'changed';
    assert.deepEqual((await store.get('/a'))?.object, {
      metadata: { name: 'a', resourceVersion: '1' },
      spec: { n: 1 },
    });
  },
};

/** Cases: update. */
export const updateCases: Cases = {
  'update keeps createRevision, moves modRevision and stamps the object': async (store) => {
    await store.create(serviceKey('web'), service('web'));
    await store.create(serviceKey('db'), service('db'));
    const updated = await store.update(serviceKey('web'), service('web', 8080));
    assert.equal(updated.createRevision, 1);
    assert.equal(updated.modRevision, 3);
    assert.equal(updated.object.metadata.resourceVersion, '3');
    assert.deepEqual(await store.get(serviceKey('web')), updated);
  },

  'update with the current revision succeeds; with a stale one fails with Conflict': async (store) => {
    const created = await store.create('/a', { spec: 1 });
    const second = await store.update('/a', { spec: 2 }, { expectedRevision: created.modRevision });
    const error = await rejectsWith(
      store.update('/a', { spec: 3 }, { expectedRevision: created.modRevision }),
      'Conflict',
    );
    assert.equal((error as { revision?: number }).revision, second.modRevision, 'the error names the current revision');
    assert.equal(await store.currentRevision(), 2, 'a conflict writes nothing');
    assert.deepEqual((await store.get('/a'))?.object.spec, 2);
  },

  'update of a missing or deleted key fails with NotFound': async (store) => {
    await rejectsWith(store.update('/missing', {}), 'NotFound');
    await store.create('/gone', {});
    await store.delete('/gone');
    await rejectsWith(store.update('/gone', {}), 'NotFound');
  },
};

/** Cases: delete. */
export const deleteCases: Cases = {
  'delete returns the last state stamped with the deletion revision': async (store) => {
    await store.create(serviceKey('web'), service('web'));
    await store.update(serviceKey('web'), service('web', 81));
    const deleted = await store.delete(serviceKey('web'));
    assert.equal(deleted.modRevision, 3);
    assert.equal(deleted.createRevision, 1);
    assert.equal(deleted.object.metadata.resourceVersion, '3');
    assert.deepEqual(deleted.object.spec, { ports: [{ port: 81 }] });
    assert.equal(await store.get(serviceKey('web')), undefined);
    assert.equal(await store.currentRevision(), 3);
  },

  'delete of a missing key fails with NotFound; with a stale revision, Conflict': async (store) => {
    await rejectsWith(store.delete('/missing'), 'NotFound');
    const created = await store.create('/a', {});
    await store.update('/a', { x: 1 });
    await rejectsWith(store.delete('/a', { expectedRevision: created.modRevision }), 'Conflict');
    const deleted = await store.delete('/a', { expectedRevision: 2 });
    assert.equal(deleted.modRevision, 3);
    await rejectsWith(store.delete('/a'), 'NotFound');
  },

  'a deleted key can be created again, with a new createRevision': async (store) => {
    await store.create('/a', { v: 1 });
    await store.delete('/a');
    const again = await store.create('/a', { v: 2 });
    assert.equal(again.createRevision, 3);
    assert.equal(again.modRevision, 3);
  },
};

/** Cases: list. */
export const listCases: Cases = {
  'list returns the live objects under a prefix, sorted by key, with the store revision': async (store) => {
    await store.create(serviceKey('web'), service('web'));
    await store.create(serviceKey('api', 'kube-system'), service('api'));
    await store.create(serviceKey('db'), service('db'));
    await store.create('/registry/servicesx/default/other', service('other'));
    await store.create(serviceKey('tmp'), service('tmp'));
    await store.delete(serviceKey('tmp'));
    const all = await store.list('/registry/services/');
    assert.deepEqual(
      all.items.map((item) => item.key),
      [serviceKey('db'), serviceKey('web'), serviceKey('api', 'kube-system')],
    );
    assert.equal(all.revision, 6);
    const inDefault = await store.list('/registry/services/default/');
    assert.deepEqual(
      inDefault.items.map((item) => [item.key, item.object.metadata.resourceVersion]),
      [
        [serviceKey('db'), '3'],
        [serviceKey('web'), '1'],
      ],
    );
    assert.equal((await store.list('')).items.length, 4, 'the empty prefix lists everything');
  },

  'an empty store lists nothing at revision 0; an empty prefix range still reports the revision': async (store) => {
    assert.deepEqual(await store.list('/registry/'), { items: [], revision: 0 });
    await store.create('/x', {});
    assert.deepEqual(await store.list('/registry/'), { items: [], revision: 1 });
  },

  'keys sort by code point, the order of their UTF-8 bytes': async (store) => {
    const keys = ['/k/b', '/k/a', '/k/\u{1F600}', '/k/\uFF5E', '/k/a-1', '/k/é', '/k/A'];
    for (const key of keys) await store.create(key, {});
    const listed = (await store.list('/k/')).items.map((item) => item.key);
    assert.deepEqual(listed, ['/k/A', '/k/a', '/k/a-1', '/k/b', '/k/é', '/k/\uFF5E', '/k/\u{1F600}']);
    const underAstral = await store.list('/k/\u{1F600}');
    assert.deepEqual(
      underAstral.items.map((item) => item.key),
      ['/k/\u{1F600}'],
    );
  },
};
