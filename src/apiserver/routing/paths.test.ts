import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseResourcePath } from './paths.ts';

function describeRoute(path: string): string | undefined {
  const route = parseResourcePath(path);
  if (route === undefined) return undefined;
  const parts = [route.info.group || 'core', route.info.plural, route.namespace || '-', route.name ?? '-'];
  return [...parts, route.subresource ?? '-', route.watchPath ? 'watch' : '-'].join(' ');
}

test('core and group paths, namespaced and cluster-scoped, collections, items and subresources', () => {
  assert.equal(describeRoute('/api/v1/namespaces/default/services'), 'core services default - - -');
  assert.equal(describeRoute('/api/v1/namespaces/default/services/web/status'), 'core services default web status -');
  assert.equal(describeRoute('/api/v1/services'), 'core services - - - -');
  assert.equal(describeRoute('/api/v1/nodes/n1'), 'core nodes - n1 - -');
  assert.equal(describeRoute('/api/v1/namespaces'), 'core namespaces - - - -');
  assert.equal(describeRoute('/api/v1/namespaces/team'), 'core namespaces - team - -');
  assert.equal(describeRoute('/api/v1/namespaces/team/status'), 'core namespaces - team status -');
  assert.equal(describeRoute('/apis/apps/v1/namespaces/a/deployments/d/scale'), 'apps deployments a d scale -');
  assert.equal(describeRoute('/apis/discovery.k8s.io/v1/endpointslices'), 'discovery.k8s.io endpointslices - - - -');
  assert.equal(describeRoute('/api/v1/watch/namespaces/a/services/x'), 'core services a x - watch');
  assert.equal(describeRoute('/api/v1/namespaces/a/pods/p/log'), 'core pods a p log -');
});

test('paths that address nothing', () => {
  for (const path of [
    '/api/v1/services/web',
    '/api/v1/namespaces/default/nodes',
    '/api/v1/namespaces/default/services/web/scale',
    '/api/v1/namespaces/default/services/web/log',
    '/api/v1/namespaces/default/services/web/status/extra',
    '/api/v1/widgets',
    '/apis/apps/v2/deployments',
    '/api/v1',
    '/api/v1/namespaces/a/services/%E0%A4%A',
  ]) {
    assert.equal(parseResourcePath(path), undefined, path);
  }
});
