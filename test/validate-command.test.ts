/** `portico validate`: Services created in order on one fresh cluster, errors printed exactly as kubectl prints them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { runCli, writeText } from './support/cli.ts';

const nodePortService = (name: string, ports: string): string =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec:\n  type: NodePort\n  ports: ${ports}\n`;

async function validate(
  manifest: string,
  ...flags: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = writeText('svc.yaml', manifest);
  try {
    const run = await runCli(['validate', '-f', file.path, ...flags]);
    return { ...run, stderr: run.stderr.replaceAll(file.path, 'svc.yaml') };
  } finally {
    file.cleanup();
  }
}

test('collisions between objects are found, in order, with kubectl lines', async () => {
  const manifest = [
    nodePortService('web', '[{port: 80, nodePort: 31155}]'),
    nodePortService('web-svc-dup', '[{port: 80, nodePort: 31155}]'),
    nodePortService('web-svc-range', '[{port: 80, nodePort: 80}]'),
    'apiVersion: v1\nkind: Service\nmetadata: {name: cipnp}\nspec:\n  ports: [{port: 80, nodePort: 30001}]\n',
    'apiVersion: v1\nkind: Service\nmetadata: {name: Bad_Name}\nspec:\n  ports: [{port: 80}]\n',
    nodePortService('web', '[{port: 8080}]'),
  ].join('---\n');
  const run = await validate(manifest);
  assert.equal(run.code, 1);
  assert.match(run.stdout, /^service\/web valid: NodePort 10\.\d+\.\d+\.\d+ 80:31155\/TCP\n$/);
  assert.deepEqual(run.stderr.trimEnd().split('\n'), [
    'The Service "web-svc-dup" is invalid: spec.ports[0].nodePort: Invalid value: 31155: provided port is already allocated',
    'The Service "web-svc-range" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    'The Service "cipnp" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is \'ClusterIP\'',
    `The Service "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    'Error from server (AlreadyExists): error when creating "svc.yaml": services "web" already exists',
  ]);
});

test('several causes print as a list, like kubectl', async () => {
  const run = await validate(nodePortService('multi', '[{port: 80}, {port: 81}]'));
  assert.equal(run.code, 1);
  assert.equal(
    run.stderr,
    'The Service "multi" is invalid: \n* spec.ports[0].name: Required value\n* spec.ports[1].name: Required value\n',
  );
});

test('-o yaml prints the defaulted Services with their allocations', async () => {
  const manifest = [nodePortService('a', '[{port: 53, protocol: UDP}, {name: tcp, port: 53, protocol: TCP}]')].join('');
  const run = await validate(manifest.replace('ports: [{port: 53,', 'ports: [{name: udp, port: 53,'), '-o', 'yaml');
  assert.equal(run.code, 0, run.stderr);
  const service = parseYaml(run.stdout) as { spec: Record<string, unknown> & { ports: { nodePort: number }[] } };
  assert.equal(service.spec['type'], 'NodePort');
  assert.equal(service.spec['externalTrafficPolicy'], 'Cluster');
  assert.deepEqual(service.spec['ipFamilies'], ['IPv4']);
  const [udp, tcp] = service.spec.ports;
  assert.ok(udp !== undefined && tcp !== undefined);
  assert.equal(udp.nodePort, tcp.nodePort, '53/UDP and 53/TCP share one nodePort');
  assert.ok(udp.nodePort >= 30086 && udp.nodePort <= 32767, 'dynamic nodePorts come from the upper band');
});

test('the ranges follow the flags, and the first service IP is kept for default/kubernetes', async () => {
  const manifest = [
    'apiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec:\n  clusterIP: 10.0.0.1\n  ports: [{port: 443}]\n',
    nodePortService('np', '[{port: 80, nodePort: 30500}]'),
  ].join('---\n');
  const run = await validate(
    manifest,
    '--service-cluster-ip-range',
    '10.0.0.0/24',
    '--service-node-port-range',
    '30000-30100',
  );
  assert.equal(run.code, 1);
  assert.deepEqual(run.stderr.trimEnd().split('\n'), [
    'The Service "api" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.1"}: failed to allocate IP 10.0.0.1: provided IP is already allocated',
    'The Service "np" is invalid: spec.ports[0].nodePort: Invalid value: 30500: provided port is not in the valid range. The range of valid ports is 30000-30100',
  ]);
});

test('a full range is an internal error, as kube-apiserver answers it', async () => {
  const manifest = [nodePortService('one', '[{port: 80}]'), nodePortService('two', '[{port: 80}]')].join('---\n');
  const run = await validate(manifest, '--service-node-port-range', '30000-30000');
  assert.equal(run.code, 1);
  assert.equal(
    run.stderr,
    'Error from server (InternalError): error when creating "svc.yaml": Internal error occurred: failed to allocate a nodePort: range is full\n',
  );
});

test('bad input gets a clear error, never a stack trace', async () => {
  const broken = await validate('kind: Service\nmetadata:\n  name: [web\n');
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /^error: error parsing svc\.yaml: yaml: line \d+: /);
  const badRange = await validate(nodePortService('x', '[{port: 80}]'), '--service-node-port-range', '3-2');
  assert.equal(badRange.code, 1);
  assert.match(badRange.stderr, /^error: invalid argument "3-2" for "--service-node-port-range" flag/);
});
