import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { builtInImageCommand, IMAGE_MAIN_PATH, imageName } from './built-in.ts';

test('imageName drops tags and digests, keeping registry ports', () => {
  assert.equal(imageName('portico/echo:1.0'), 'portico/echo');
  assert.equal(
    imageName('registry.k8s.io/e2e-test-images/agnhost@sha256:abc'),
    'registry.k8s.io/e2e-test-images/agnhost',
  );
  assert.equal(imageName('localhost:5000/app'), 'localhost:5000/app');
});

test('built-in images resolve to the image entry with their verb and args', () => {
  const netexec = builtInImageCommand('registry.k8s.io/e2e-test-images/agnhost:2.52', ['netexec', '--http-port=80']);
  assert.equal(netexec.ok, true);
  assert.ok(netexec.ok);
  assert.equal(netexec.program, 'netexec');
  assert.equal(netexec.argv[0], process.execPath);
  assert.deepEqual(netexec.argv.slice(3), [IMAGE_MAIN_PATH, 'netexec', '--http-port=80']);
  const echo = builtInImageCommand('portico/echo', []);
  assert.ok(echo.ok);
  assert.deepEqual(echo.argv.slice(3), [IMAGE_MAIN_PATH, 'echo']);
  const hostnames = builtInImageCommand('registry.k8s.io/e2e-test-images/agnhost:2.40', ['serve-hostname']);
  assert.ok(hostnames.ok);
  assert.equal(hostnames.program, 'serve-hostname');
});

test('any other image without a command is refused, saying a command is needed', () => {
  const nginx = builtInImageCommand('nginx:1.27', []);
  assert.ok(!nginx.ok);
  assert.equal(nginx.reason, 'ErrImageNeverPull');
  assert.match(nginx.message, /Portico runs processes, not images/);
  assert.match(nginx.message, /needs a `command`/);
  const pause = builtInImageCommand('registry.k8s.io/e2e-test-images/agnhost:2.52', ['pause']);
  assert.ok(!pause.ok);
  assert.equal(pause.reason, 'ErrImageNeverPull');
  assert.match(pause.message, /verb "pause" is not built in/);
  const badFlag = builtInImageCommand('registry.k8s.io/e2e-test-images/agnhost:2.52', ['netexec', '--sctp-port=9']);
  assert.ok(!badFlag.ok);
  assert.equal(badFlag.reason, 'RunContainerError');
  assert.match(badFlag.message, /unknown flag --sctp-port/);
});

test('the resolved command runs as a child process and serves', async () => {
  const command = builtInImageCommand('registry.k8s.io/e2e-test-images/agnhost:2.52', ['serve-hostname', '--port=0']);
  assert.ok(command.ok);
  const [program = '', ...args] = command.argv;
  const child = spawn(program, args, {
    cwd: '/',
    env: { ...process.env, POD_NAME: 'child-pod', LISTEN_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    let output = '';
    child.stdout.setEncoding('utf8');
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        output += chunk;
        const match = /listening on port (\d+)/.exec(output);
        if (match !== null) resolve(Number(match[1]));
      });
      child.once('exit', (code) => {
        reject(new Error(`exited ${code ?? 'by signal'} before listening`));
      });
    });
    const response = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(await response.text(), 'child-pod');
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});
