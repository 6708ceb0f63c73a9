/** `portico rules` and `portico trace` as a user meets them: flags, config files, both text formats, bad input. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runCli, writeText } from './support/cli.ts';

const example = readFileSync(new URL('../examples/livefire.yaml', import.meta.url), 'utf8');
const nodeFlags = ['--hostname-override=node-1', '--node-ip=192.168.77.11', '--cluster-cidr=10.244.0.0/16'];
const hostFlags = [
  '--interface-addrs=127.0.0.1/8,192.168.77.11/24',
  '--random-fully=true',
  '--conntrack-tcp-be-liberal=false',
];

async function rules(...flags: string[]): Promise<string> {
  const run = await runCli(['rules', '-f', '-', ...nodeFlags, ...hostFlags, ...flags], example);
  assert.equal(run.code, 0, run.stderr);
  return run.stdout;
}

test('a KubeProxyConfiguration file gives the same rules as the flags, and flags override it', async () => {
  const config = writeText(
    'kube-proxy.yaml',
    [
      'apiVersion: kubeproxy.config.k8s.io/v1alpha1',
      'kind: KubeProxyConfiguration',
      'hostnameOverride: node-1',
      'clusterCIDR: 10.244.0.0/16',
      'iptables: {masqueradeAll: true, masqueradeBit: 14}',
    ].join('\n'),
  );
  try {
    const fromFile = await runCli(
      ['rules', '-f', '-', `--config=${config.path}`, '--node-ip=192.168.77.11', ...hostFlags],
      example,
    );
    assert.equal(fromFile.stdout, await rules('--masquerade-all=true'));
    const overridden = await runCli(
      [
        'rules',
        '-f',
        '-',
        `--config=${config.path}`,
        '--node-ip=192.168.77.11',
        '--masquerade-all=false',
        ...hostFlags,
      ],
      example,
    );
    assert.equal(overridden.stdout, await rules());
  } finally {
    config.cleanup();
  }
});

test('masquerade-all and the mark bit change the rules as kube-proxy does', async () => {
  const plain = await rules();
  assert.match(plain, /-A KUBE-MARK-MASQ -j MARK --or-mark 0x00004000\n/);
  assert.match(plain, /! -s 10\.244\.0\.0\/16 -j KUBE-MARK-MASQ/);
  const all = await rules('--masquerade-all=true', '--iptables-masquerade-bit=15');
  assert.match(all, /-A KUBE-MARK-MASQ -j MARK --or-mark 0x00008000\n/);
  assert.doesNotMatch(all, /! -s 10\.244\.0\.0\/16/);
});

test('trace reads the saved form too, and explains the path in words', async () => {
  const saved = writeText('saved.txt', await rules('--format=save'));
  try {
    const args = [
      'trace',
      '--rules',
      saved.path,
      '--node-ip=192.168.77.11',
      '--from=192.168.77.1',
      '--to=192.168.77.11:31155',
    ];
    const text = await runCli(args);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^packet: 192\.168\.77\.1 -> 192\.168\.77\.11:31155\nverdict: DNAT\n/);
    assert.match(text.stdout, /10\.244\.1\.2:80 +50%/);
    assert.match(text.stdout, /masquerade: yes/);
    const json = JSON.parse((await runCli([...args, '-o', 'json'])).stdout) as Record<string, unknown>;
    assert.deepEqual(json['endpoints'], ['10.244.1.2:80', '10.244.2.2:80']);
    assert.equal(json['verdict'], 'DNAT');
    assert.equal(json['masquerade'], true);
    assert.ok(Array.isArray(json['path']) && json['path'].length > 0);
  } finally {
    saved.cleanup();
  }
});

test('bad input gets one clear error line and exit code 1', async () => {
  const cases: [string[], string, RegExp][] = [
    [['rules', '-f', '-', '--masquerade-all=maybe'], example, /strconv\.ParseBool: parsing "maybe": invalid syntax/],
    [['rules', '-f', '-'], 'kind: Service\nmetadata: {name: [x\n', /^error: error parsing -: yaml: line \d+/],
    [
      ['trace', '--rules', '-', '--node-ip=1.1.1.1', '--from=1.2.3.4', '--to=nonsense'],
      '',
      /^error: invalid destination "nonsense"/,
    ],
    [
      ['trace', '--rules', '-', '--node-ip=1.1.1.1', '--from=1.2.3.4', '--to=1.2.3.4:80'],
      '*nat\n-A FOO -j BAR\nCOMMIT\n',
      /^error: line 2: /,
    ],
  ];
  for (const [args, stdin, expected] of cases) {
    const run = await runCli(args, stdin);
    assert.equal(run.code, 1, args.join(' '));
    assert.match(run.stderr, expected);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  }
});
