import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CommandRunner } from '../exec/command.ts';
import { findRunningNode, runningNodes, UnknownNodeError } from './live-node.ts';

/** `ip netns list` answering with these namespaces (as `ip` prints them, some with an id). */
function namespaces(...names: string[]): CommandRunner {
  return (argv) => {
    assert.deepEqual(argv, ['ip', 'netns', 'list']);
    return Promise.resolve({ code: 0, stdout: names.map((n, i) => `${n} (id: ${i})\n`).join(''), stderr: '' });
  };
}

const twoClusters = namespaces(
  'portico-portico-fabric',
  'portico-portico-node-1',
  'portico-portico-node-2',
  'portico-portico-node-1-0123456789ab',
  'portico-lab-fabric',
  'portico-lab-node-1',
  'portico-a-node-2-node-1',
  'portico-a-node-2-node-1-123456789012',
  'something-else',
);

test('the running nodes of every local cluster come from their namespaces, pods and fabrics left out', async () => {
  assert.deepEqual(await runningNodes(twoClusters), [
    { cluster: 'a-node-2', node: 'a-node-2-node-1', namespace: 'portico-a-node-2-node-1' },
    { cluster: 'lab', node: 'lab-node-1', namespace: 'portico-lab-node-1' },
    { cluster: 'portico', node: 'portico-node-1', namespace: 'portico-portico-node-1' },
    { cluster: 'portico', node: 'portico-node-2', namespace: 'portico-portico-node-2' },
  ]);
});

test('a node name alone finds its cluster, whatever the cluster is called', async () => {
  assert.equal((await findRunningNode(twoClusters, 'lab-node-1')).namespace, 'portico-lab-node-1');
  assert.equal((await findRunningNode(twoClusters, 'portico-node-2')).cluster, 'portico');
  assert.equal((await findRunningNode(twoClusters, 'a-node-2-node-1')).cluster, 'a-node-2');
  assert.equal((await findRunningNode(twoClusters, 'lab-node-1', 'lab')).namespace, 'portico-lab-node-1');
});

test('an unknown node is refused with the running nodes listed; a node of another cluster says which', async () => {
  await assert.rejects(findRunningNode(twoClusters, 'lab-node-3'), {
    name: 'UnknownNodeError',
    message:
      'node "lab-node-3" is not running in any local cluster; running nodes: a-node-2-node-1 (cluster ' +
      'a-node-2), lab-node-1 (cluster lab), portico-node-1 (cluster portico), portico-node-2 (cluster portico)',
  });
  await assert.rejects(findRunningNode(twoClusters, 'lab-node-1', 'portico'), {
    message: 'node "lab-node-1" is not in cluster "portico": it is in cluster "lab" (--name lab)',
  });
  await assert.rejects(findRunningNode(twoClusters, 'portico-node-9', 'portico'), {
    message: 'node "portico-node-9" is not running in cluster "portico"; its nodes: portico-node-1, portico-node-2',
  });
  await assert.rejects(findRunningNode(namespaces(), 'portico-node-1'), {
    message: 'node "portico-node-1" is not running in any local cluster: no local cluster runs (portico up)',
  });
  await assert.rejects(findRunningNode(namespaces(), 'absent-node-1', 'absent'), UnknownNodeError);
});
