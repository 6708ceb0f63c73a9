import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Node, Pod } from 'kubernetes-types/core/v1.d.ts';
import { kubeletErrorStatus } from '../http/pod-log-proxy.ts';
import {
  choosePodLogContainer,
  kubeletEndpoint,
  kubeletLogUrl,
  parsePodLogQuery,
  validatePodLogOptions,
} from './pod-log.ts';

function messages(text: string): string[] {
  const parsed = parsePodLogQuery(new URLSearchParams(text));
  assert.ok(parsed.ok);
  return validatePodLogOptions(parsed.options).map((e) => `${e.field}|${e.detail}`);
}

test("log options are validated with upstream's errors", () => {
  assert.deepEqual(messages('tailLines=-1'), ['tailLines|must be greater than or equal to 0']);
  assert.deepEqual(messages('limitBytes=0'), ['limitBytes|must be greater than 0']);
  assert.deepEqual(messages('sinceSeconds=0'), ['sinceSeconds|must be greater than 0']);
  assert.deepEqual(messages('sinceSeconds=5&sinceTime=2024-01-01T00:00:00Z'), [
    '|at most one of `sinceTime` or `sinceSeconds` may be specified',
  ]);
  assert.deepEqual(messages('tailLines=3&follow=1&timestamps=true'), []);
  const bad = parsePodLogQuery(new URLSearchParams('tailLines=abc'));
  assert.ok(!bad.ok);
  assert.equal(bad.status.message, 'strconv.ParseInt: parsing "abc": invalid syntax');
});

test("the container: the only one, or the named one, with kube-apiserver's words otherwise", () => {
  const pod = (names: string[]): Pod => ({
    metadata: { name: 'web' },
    spec: { containers: names.map((name) => ({ name })) },
  });
  assert.deepEqual(choosePodLogContainer(pod(['main']), undefined), { ok: true, container: 'main' });
  const several = choosePodLogContainer(pod(['a', 'b']), undefined);
  assert.equal(
    !several.ok && several.status.message,
    'a container name must be specified for pod web, choose one of: [a b]',
  );
  assert.equal(!several.ok && several.status.code, 400);
  const unknown = choosePodLogContainer(pod(['a', 'b']), 'c');
  assert.equal(!unknown.ok && unknown.status.message, 'container c is not valid for pod web');
  assert.deepEqual(choosePodLogContainer(pod(['a', 'b']), 'b'), { ok: true, container: 'b' });
});

test("a kubelet's failure becomes the Status kube-apiserver makes of it", () => {
  const waiting = kubeletErrorStatus(400, 'container "c" in pod "p" is waiting to start: ContainerCreating', 'p');
  assert.equal(waiting.reason, 'BadRequest');
  assert.equal(waiting.message, 'container "c" in pod "p" is waiting to start: ContainerCreating');
  const missing = kubeletErrorStatus(404, 'pod "p" does not exist', 'p');
  assert.deepEqual(missing, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'the server could not find the requested resource ( pods/log p)',
    reason: 'NotFound',
    details: { name: 'p', kind: 'pods/log' },
    code: 404,
  });
  assert.equal(kubeletErrorStatus(500, 'boom', 'p').message, 'Internal error occurred: boom');
  assert.equal(kubeletErrorStatus(401, 'Unauthorized', 'p').reason, 'Unauthorized');
});

test('the kubelet endpoint is a valid IP or DNS name and port, or no request is made', () => {
  const node = (address: string, port?: unknown) =>
    ({
      metadata: { name: 'n' },
      status: {
        addresses: [{ type: 'InternalIP', address }],
        ...(port === undefined ? {} : { daemonEndpoints: { kubeletEndpoint: { Port: port } } }),
      },
    }) as Node;
  for (const hostile of ['127.0.0.1#', 'host/path?', 'a@b', '127.0.0.1:80', 'evil.com/x#', ' 10.0.0.1', '']) {
    const endpoint = kubeletEndpoint(node(hostile));
    assert.ok(!endpoint.ok, hostile);
    assert.equal(endpoint.status.code, 500);
    assert.match(endpoint.status.message ?? '', /^no preferred addresses found; known addresses: \[/);
  }
  for (const port of [70000, -1, 1.5, '80']) assert.ok(!kubeletEndpoint(node('10.0.0.1', port)).ok, String(port));
  assert.deepEqual(kubeletEndpoint(node('node-1.example')), { ok: true, host: 'node-1.example', port: 10250 });
  assert.deepEqual(kubeletEndpoint(node('fd00::1', 10255)), { ok: true, host: 'fd00::1', port: 10255 });
});

test('the kubelet URL is built part by part: names cannot move the request to another host or path', () => {
  const url = kubeletLogUrl({ host: 'fd00::1', port: 10250 }, ['ns', 'p', '../../x?#'], new URLSearchParams('a=b'));
  assert.equal(url?.toString(), 'http://[fd00::1]:10250/containerLogs/ns/p/..%2F..%2Fx%3F%23?a=b');
  const plain = kubeletLogUrl({ host: '127.0.0.1', port: 80 }, ['n', 'p', 'c'], new URLSearchParams());
  assert.equal(plain?.toString(), 'http://127.0.0.1/containerLogs/n/p/c');
  assert.equal(kubeletLogUrl({ host: '127.0.0.1#', port: 1 }, ['n'], new URLSearchParams()), undefined);
  const dots = kubeletLogUrl({ host: '127.0.0.1', port: 80 }, ['n', '..', '.'], new URLSearchParams());
  assert.equal(dots, undefined);
  fc.assert(
    fc.property(fc.array(fc.string(), { minLength: 3, maxLength: 3 }), (segments) => {
      const built = kubeletLogUrl({ host: '127.0.0.1', port: 10250 }, segments, new URLSearchParams());
      if (segments.some((segment) => segment === '.' || segment === '..')) return;
      assert.equal(built?.host, '127.0.0.1:10250');
      assert.equal(built.pathname.split('/').length, 5);
    }),
    { numRuns: 300 },
  );
});
