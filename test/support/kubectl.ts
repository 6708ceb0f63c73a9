/** The real kubectl for tests: whether it is here, the versioned binaries beside it, a runner, and a server for it. */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEFAULT_NODE_PORT_RANGE } from '../../src/allocator/port-range.ts';
import { adminKubeconfig, ensureCredentials } from '../../src/apiserver/credentials.ts';
import { clusterStrategies } from '../../src/apiserver/registry/strategies.ts';
import { type ApiServer, createApiServer } from '../../src/apiserver/server.ts';
import { openStore } from '../../src/store/index.ts';

/** What one kubectl run printed and its exit code. */
export interface KubectlRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Why kubectl tests cannot run here, or undefined when they can (printed once by the caller's skip). */
export const kubectlMissing: string | undefined = await new Promise<string | undefined>((resolve) => {
  execFile('kubectl', ['version', '--client'], (error) => {
    resolve(error === null ? undefined : `kubectl is not usable here (${error.message.split('\n')[0] ?? ''})`);
  });
});

/** The versioned binaries (`kubectl.1.29` … `kubectl.1.33`) beside the dispatcher `kubectl` links to. */
export function versionedKubectls(): string[] {
  try {
    const folder = dirname(realpathSync(execFileSync('sh', ['-c', 'command -v kubectl']).toString().trim()));
    return [29, 30, 31, 32, 33].map((minor) => join(folder, `kubectl.1.${minor}`)).filter((path) => existsSync(path));
  } catch {
    return [];
  }
}

/**
 * Runs `binary` with a kubeconfig and a throwaway cache under `dir`; HOME and TMPDIR point there too, so nothing
 * of the user's is read or written (`kubectl edit` leaves files in TMPDIR on error).
 */
export function runKubectl(
  binary: string,
  dir: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<KubectlRun> {
  const environment = { ...process.env, TMPDIR: dir, HOME: dir, KUBECONFIG: '', ...env };
  const all = [
    '--kubeconfig',
    join(dir, 'kubeconfig'),
    '--cache-dir',
    join(dir, 'cache', binary.replaceAll('/', '_')),
    ...args,
  ];
  return new Promise((resolve) => {
    execFile(binary, all, { env: environment, timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

/** An HTTPS API server with the real strategies and its admin kubeconfig written to `dir/kubeconfig`. */
export async function startKubectlCluster(dir: string): Promise<{ server: ApiServer; close: () => Promise<void> }> {
  const credentials = ensureCredentials(join(dir, 'pki'));
  const store = await openStore('memory://');
  const network = { nodePortRange: DEFAULT_NODE_PORT_RANGE, serviceCIDR: '10.96.0.0/12' };
  const { strategies } = await clusterStrategies(store, network);
  const server = await createApiServer({ store, credentials, port: 0, strategies });
  writeFileSync(join(dir, 'kubeconfig'), adminKubeconfig(server.url, credentials));
  return {
    server,
    close: async () => {
      await server.close();
      await store.close();
    },
  };
}
