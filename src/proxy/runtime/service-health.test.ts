import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HealthAnswer } from './proxy-health.ts';
import { serviceHealthAnswer, serviceHealthBody, ServiceHealthServers, type HealthListen } from './service-health.ts';

test('the body is byte for byte upstream (127 bytes for default/wp-nginx-service with 1 endpoint)', () => {
  const body = serviceHealthBody('default', 'wp-nginx-service', 1, true);
  assert.equal(
    body,
    '{\n\t"service": {\n\t\t"namespace": "default",\n\t\t"name": "wp-nginx-service"\n\t},\n\t"localEndpoints": 1,\n\t"serviceProxyHealthy": true\n}',
  );
  assert.equal(Buffer.byteLength(body), 127);
});

test('200 only with local endpoints and a healthy proxy; the weight header carries the count', () => {
  const ok = serviceHealthAnswer('ns/web', 3, true);
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.headers, {
    'Content-Type': 'application/json',
    'X-Content-Type-Options': 'nosniff',
    'X-Load-Balancing-Endpoint-Weight': '3',
  });
  assert.equal(serviceHealthAnswer('ns/web', 0, true).status, 503);
  const unhealthy = serviceHealthAnswer('ns/web', 3, false);
  assert.equal(unhealthy.status, 503);
  assert.match(unhealthy.body, /"serviceProxyHealthy": false\n}$/);
});

test('servers open and close with the Services, and answer with the current counts', async () => {
  const open = new Map<string, () => HealthAnswer>();
  const listen: HealthListen = (host, port, answer) => {
    if (port === 666) return Promise.reject(new Error('address in use'));
    open.set(`${host}:${port}`, answer);
    return Promise.resolve({ close: () => Promise.resolve(void open.delete(`${host}:${port}`)) });
  };
  const logged: string[] = [];
  const servers = new ServiceHealthServers({
    addresses: ['0.0.0.0'],
    listen,
    proxyHealthy: () => true,
    log: (line) => logged.push(line),
  });
  await servers.syncServices(
    new Map([
      ['ns/a', 30001],
      ['ns/bad', 666],
    ]),
  );
  assert.deepEqual([...open.keys()], ['0.0.0.0:30001']);
  assert.match(logged[0] ?? '', /failed to start healthcheck "ns\/bad" on port 666: address in use/);
  assert.equal(open.get('0.0.0.0:30001')?.().status, 503);
  servers.syncEndpoints(new Map([['ns/a', 2]]));
  assert.equal(open.get('0.0.0.0:30001')?.().headers['X-Load-Balancing-Endpoint-Weight'], '2');
  await servers.syncServices(new Map([['ns/a', 30002]]));
  assert.deepEqual([...open.keys()], ['0.0.0.0:30002']);
  await servers.close();
  assert.equal(open.size, 0);
});
