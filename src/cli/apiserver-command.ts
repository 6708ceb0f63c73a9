import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { invalidFlagMessage, parsePortRange } from '../allocator/port-range.ts';
import { preparePrivateDatabase, writePrivateFile } from '../apiserver/auth/file-modes.ts';
import { adminKubeconfig, ensureCredentials, writeNodeKubeconfigs } from '../apiserver/credentials.ts';
import { clusterStrategies } from '../apiserver/registry/strategies.ts';
import { createApiServer } from '../apiserver/server.ts';
import { startControllers } from '../controllers/index.ts';
import { openStore } from '../store/index.ts';
import { integerFlagParser, parseBoolFlag, parseListFlag } from './flag-values.ts';
import { installLastResortHandlers } from './last-resort.ts';
import { type CommandIO, fail } from './io.ts';

interface ApiServerFlags {
  readonly dataDir: string;
  readonly bindAddress: string;
  readonly securePort: number;
  readonly advertiseAddress?: string;
  readonly serviceNodePortRange: string;
  readonly serviceClusterIpRange: string;
  readonly storage?: string;
  readonly controllers: boolean;
  readonly clusterCidr: string;
  readonly nodeMonitorGracePeriod: number;
  readonly etcdCompactionInterval: number;
  readonly nodeKubeconfigs?: readonly string[];
}

// A DNS-1123 subdomain, what a Node may be called.
const nodeNamePattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** `--node-kubeconfigs`: node names, each a DNS-1123 subdomain. */
function parseNodeNames(value: string): string[] {
  const names = parseListFlag(value);
  const bad = names.find((name) => name.length > 253 || !nodeNamePattern.test(name));
  if (bad !== undefined) throw new InvalidArgumentError(`${JSON.stringify(bad)} is not a valid node name`);
  return names;
}

/** The database file of a `sqlite://` store URL (the default: `state.db` in the data dir), made owner-only. */
function storageURL(flags: ApiServerFlags, dataDir: string): string {
  const url = flags.storage ?? `sqlite://${dataDir}/state.db`;
  if (url.startsWith('sqlite://')) preparePrivateDatabase(url.slice('sqlite://'.length));
  return url;
}

const durationUnits: Readonly<Record<string, number>> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

/** A Go `time.Duration` (`40s`, `1m30s`, `1.5h`, `0`) in seconds, as kube-controller-manager's flags take it. */
export function parseGoDurationSeconds(value: string): number {
  const invalid = new InvalidArgumentError(`time: invalid duration ${JSON.stringify(value)}`);
  if (value === '0') return 0;
  const parts = [...value.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== value) throw invalid;
  return parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * (durationUnits[unit ?? ''] ?? NaN), 0);
}

/** The address clients dial: a wildcard bind is reached on loopback. */
function dialAddress(flags: ApiServerFlags): string {
  const host =
    flags.advertiseAddress ?? (['0.0.0.0', '::'].includes(flags.bindAddress) ? '127.0.0.1' : flags.bindAddress);
  return host.includes(':') ? `[${host}]` : host;
}

async function runApiServer(flags: ApiServerFlags, io: CommandIO): Promise<void> {
  const range = parsePortRange(flags.serviceNodePortRange);
  if (!range.ok) fail(io, invalidFlagMessage('--service-node-port-range', flags.serviceNodePortRange, range.error));
  const dataDir = resolve(flags.dataDir);
  const hosts = [flags.bindAddress, ...(flags.advertiseAddress === undefined ? [] : [flags.advertiseAddress])];
  const credentials = ensureCredentials(dataDir, hosts);
  const store = await openStore(storageURL(flags, dataDir));
  const network = { nodePortRange: range.range, serviceCIDR: flags.serviceClusterIpRange };
  const { strategies, problems } = await clusterStrategies(store, network);
  for (const problem of problems) io.stderr(`Warning: allocation repair: ${problem.message}\n`);
  const server = await createApiServer({
    store,
    credentials,
    host: flags.bindAddress,
    port: flags.securePort,
    serviceCIDR: flags.serviceClusterIpRange,
    strategies,
    compactionIntervalMs: flags.etcdCompactionInterval * 1000,
    ...(flags.advertiseAddress === undefined ? {} : { advertiseAddress: flags.advertiseAddress }),
  });
  const url = `https://${dialAddress(flags)}:${server.port}`;
  const kubeconfig = `${dataDir}/kubeconfig`;
  // Node kubeconfigs first: whoever waits for the admin kubeconfig (`portico up`) then finds them too.
  writeNodeKubeconfigs(dataDir, url, credentials, flags.nodeKubeconfigs ?? []);
  writePrivateFile(kubeconfig, adminKubeconfig(url, credentials));
  // The controllers talk to the server through its API, as a separate kube-controller-manager would.
  const controllers = flags.controllers
    ? await startControllers({
        server: url,
        token: credentials.adminToken,
        ca: credentials.caCert,
        clusterCIDR: flags.clusterCidr,
        nodeMonitorGracePeriodSeconds: flags.nodeMonitorGracePeriod,
        log: (message) => {
          io.stderr(`controllers: ${message}\n`);
        },
      })
    : undefined;
  io.stdout(
    `Portico API server listening on ${url}\nkubeconfig: ${kubeconfig}\ntry: kubectl --kubeconfig ${kubeconfig} get svc\n`,
  );
  if (controllers === undefined) io.stdout('controllers are off (--controllers=false)\n');
  // Only once it serves: a failure while starting still ends the command with its error.
  const lastResort = installLastResortHandlers('apiserver', (line) => {
    io.stderr(`${line}\n`);
  });
  await new Promise<void>((done) => {
    const stop = (): void => {
      io.stdout('shutting down\n');
      done();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  try {
    await controllers?.stop();
    await server.close();
    await store.close();
  } finally {
    lastResort.uninstall();
  }
}

/** `portico apiserver`: the Kubernetes API for Services and what they need, on an embedded store. */
export function registerApiServerCommand(program: Command, io: CommandIO): void {
  program
    .command('apiserver')
    .description('serve the Kubernetes API (Services, EndpointSlices, Pods, Deployments, ...) for kubectl and clients')
    .requiredOption('--data-dir <dir>', 'where the store, the certificates and the admin kubeconfig live')
    .option('--bind-address <ip>', 'the address to listen on', '127.0.0.1')
    .option('--secure-port <port>', 'the HTTPS port (0 picks a free one)', integerFlagParser(65535), 6443)
    .option(
      '--advertise-address <ip>',
      'the address clients and the kubernetes Service use (default: the bind address)',
    )
    .option('--service-node-port-range <range>', 'the nodePort range', '30000-32767')
    .option('--service-cluster-ip-range <cidr>', 'the ClusterIP range', '10.96.0.0/12')
    .option('--storage <url>', 'sqlite:///path/state.db (default: in the data dir) or memory://')
    .option(
      '--controllers [bool]',
      'run the controllers (deployments, replicasets, scheduler, endpointslices, ...)',
      parseBoolFlag,
      true,
    )
    .option('--cluster-cidr <cidr>', 'the pod network nodes get their podCIDR from', '10.244.0.0/16')
    .addOption(
      new Option(
        '--node-monitor-grace-period <duration>',
        'how long a node may go without a heartbeat before its Ready condition is Unknown',
      )
        .argParser(parseGoDurationSeconds)
        .default(40, '40s'),
    )
    .addOption(
      new Option(
        '--etcd-compaction-interval <duration>',
        'the interval of compaction requests: history older than one interval is dropped; 0 disables compaction',
      )
        .argParser(parseGoDurationSeconds)
        .default(300, '5m'),
    )
    .option(
      '--node-kubeconfigs <names>',
      "write <data-dir>/nodes/<name>.kubeconfig for these nodes (comma-separated), each with the node's own credential",
      parseNodeNames,
    )
    .action(async (flags: ApiServerFlags) => {
      await runApiServer(flags, io);
    });
}
