import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { requestAttributes } from './attributes.ts';

test('resource requests: verb, group, resource, subresource, namespace and name as upstream reads them', () => {
  const cases: [string, string, Partial<ReturnType<typeof requestAttributes>>][] = [
    ['GET', '/api/v1/nodes', { verb: 'list', resource: 'nodes', namespace: '', name: '' }],
    ['GET', '/api/v1/nodes?watch=True', { verb: 'watch', resource: 'nodes' }],
    ['GET', '/api/v1/watch/nodes/n1', { verb: 'watch', name: 'n1' }],
    ['GET', '/api/v1/nodes?watch=1&fieldSelector=metadata.name%3Dn1', { verb: 'watch', name: 'n1' }],
    ['PUT', '/api/v1/nodes/n1/status', { verb: 'update', name: 'n1', subresource: 'status' }],
    ['DELETE', '/api/v1/namespaces/default/pods', { verb: 'deletecollection', namespace: 'default' }],
    ['PATCH', '/apis/apps/v1/namespaces/a/deployments/d/scale', { apiGroup: 'apps', subresource: 'scale' }],
    ['GET', '/api/v1/namespaces/kube-system', { verb: 'get', resource: 'namespaces', name: 'kube-system' }],
    ['PUT', '/api/v1/namespaces/x/finalize', { resource: 'namespaces', name: 'x', subresource: 'finalize' }],
    ['POST', '/api', { verb: 'post', isResourceRequest: false, path: '/api' }],
    ['GET', '/apis/apps/v1', { verb: 'get', isResourceRequest: false }],
  ];
  for (const [method, url, expected] of cases) {
    const attributes = requestAttributes(method, url);
    for (const [key, value] of Object.entries(expected)) {
      assert.equal(attributes[key as keyof typeof attributes], value, `${method} ${url} ${key}`);
    }
  }
});

test('any request target parses without throwing', () => {
  const method = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND');
  const target = fc.oneof(
    fc.string(),
    fc
      .array(fc.constantFrom('api', 'apis', 'v1', 'namespaces', 'watch', '%', '%zz', '..', '', 'x'), { maxLength: 8 })
      .map((parts) => `/${parts.join('/')}`),
  );
  fc.assert(
    fc.property(method, target, (m, url) => {
      const attributes = requestAttributes(m, url);
      assert.equal(typeof attributes.verb, 'string');
    }),
  );
});
