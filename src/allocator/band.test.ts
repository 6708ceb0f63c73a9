import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CLUSTER_IP_BAND, NODE_PORT_BAND, staticBandSize } from './band.ts';

test('nodePort band is min(max(16, size/32), 128), none for 16 ports or fewer', () => {
  const cases: [number, number][] = [
    [2768, 86],
    [16, 0],
    [17, 16],
    [600, 18],
    [4096, 128],
    [64512, 128],
  ];
  for (const [size, band] of cases) assert.equal(staticBandSize(size, NODE_PORT_BAND), band, `size ${size}`);
});

test('ClusterIP band is min(max(16, cidrSize/16), 256), none for a /28 or smaller', () => {
  const cases: [string, number, number][] = [
    ['/12', 2 ** 20, 256],
    ['/20', 4096, 256],
    ['/21', 2048, 128],
    ['/24', 256, 16],
    ['/27', 32, 16],
    ['/28', 16, 0],
  ];
  for (const [name, size, band] of cases) assert.equal(staticBandSize(size, CLUSTER_IP_BAND), band, name);
});
