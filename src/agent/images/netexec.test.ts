import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { test } from 'node:test';
import { goTimeString, netexecUdpReply, parseNetexecArgs, startNetexec } from './netexec.ts';

test('netexec flags: upstream defaults, both spellings, and unknown flags refused', () => {
  assert.deepEqual(parseNetexecArgs([]), { httpPort: 8080, udpPort: 8081 });
  assert.deepEqual(parseNetexecArgs(['--http-port=80', '--udp-port', '-1']), { httpPort: 80, udpPort: -1 });
  assert.throws(() => parseNetexecArgs(['--tls-cert-file=/x']), /unknown flag --tls-cert-file/);
  assert.throws(() => parseNetexecArgs(['--http-port=abc']), /needs an integer/);
  assert.throws(() => parseNetexecArgs(['--http-port=70000']), /must be a port/);
  assert.throws(() => parseNetexecArgs(['extra']), /unexpected argument "extra"/);
});

test('goTimeString has the shape of Go time.Time.String in UTC', () => {
  assert.equal(goTimeString(new Date('2024-05-06T07:08:09.123Z')), '2024-05-06 07:08:09.123000000 +0000 UTC');
});

test('netexec HTTP endpoints answer as upstream does', async () => {
  const netexec = await startNetexec({ httpPort: 0, udpPort: -1 }, 'pod-a', '127.0.0.1');
  const base = `http://127.0.0.1:${netexec.port}`;
  try {
    const text = async (path: string): Promise<[number, string]> => {
      const response = await fetch(base + path);
      return [response.status, await response.text()];
    };
    assert.deepEqual(await text('/hostname'), [200, 'pod-a']);
    assert.deepEqual(await text('/hostName'), [200, 'pod-a']);
    assert.deepEqual(await text('/echo?msg=hello%20there'), [200, 'hello there']);
    assert.deepEqual(await text('/echo?msg=gone&code=404'), [404, 'gone']);
    assert.deepEqual(await text('/healthz'), [200, '']);
    const [status, now] = await text('/');
    assert.equal(status, 200);
    assert.match(now, /^NOW: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000 UTC$/);
    const [clientStatus, client] = await text('/clientip');
    assert.equal(clientStatus, 200);
    assert.match(client, /^127\.0\.0\.1:\d+$/);
    const [shellStatus, shell] = await text('/shell?cmd=id');
    assert.equal(shellStatus, 501);
    assert.match(shell, /\/shell is not supported: Portico runs pods as host processes/);
  } finally {
    await netexec.close();
  }
});

test('netexec UDP server answers hostname, echo and clientip', async () => {
  assert.equal(netexecUdpReply('echo hi there\n', 'h', 'c'), 'hi there');
  assert.equal(netexecUdpReply('nonsense', 'h', 'c'), undefined);
  const netexec = await startNetexec({ httpPort: 0, udpPort: 0 }, 'pod-u', '127.0.0.1');
  const client = createSocket('udp4');
  try {
    const ask = (message: string): Promise<string> =>
      new Promise((resolve) => {
        client.once('message', (reply) => {
          resolve(reply.toString());
        });
        client.send(message, netexec.udpPort, '127.0.0.1');
      });
    assert.equal(await ask('hostname'), 'pod-u');
    assert.equal(await ask('echo ping'), 'ping');
    assert.equal(await ask('clientip'), `127.0.0.1:${client.address().port}`);
  } finally {
    client.close();
    await netexec.close();
  }
});
