import { type Command, Option } from 'commander';
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { stringify as toYaml } from 'yaml';
import { alreadyExists, formatKubectlError, type Status } from '../api/status.ts';
import { ClusterIPAllocator, kubernetesServiceIP, serviceCIDRSizeError } from '../allocator/cluster-ip-allocator.ts';
import { NodePortAllocator } from '../allocator/node-port-allocator.ts';
import { invalidFlagMessage, parsePortRange } from '../allocator/port-range.ts';
import { type ServiceAllocators, serviceAllocators } from '../allocator/service-allocators.ts';
import { admitServiceCreate } from '../apiserver/registry/service-create.ts';
import { objectReference } from './cluster-objects.ts';
import { type CommandIO, CliExit, fail } from './io.ts';
import { type ManifestObject, ManifestError, readManifests } from './manifests.ts';
import { serviceSummary } from './service-summary.ts';

interface ValidateOptions {
  readonly filename: string[];
  readonly output?: 'yaml' | 'json';
  readonly namespace: string;
  readonly serviceNodePortRange: string;
  readonly serviceClusterIpRange: string;
}

/** The allocators of a fresh cluster: the flags' ranges, with the first service IP held by `default/kubernetes`. */
function freshClusterAllocators(options: ValidateOptions, io: CommandIO): ServiceAllocators {
  const range = parsePortRange(options.serviceNodePortRange);
  if (!range.ok) {
    fail(io, invalidFlagMessage('--service-node-port-range', options.serviceNodePortRange, range.error));
  }
  let pool: ClusterIPAllocator;
  try {
    pool = new ClusterIPAllocator(options.serviceClusterIpRange);
  } catch (error) {
    return fail(
      io,
      `invalid --service-cluster-ip-range "${options.serviceClusterIpRange}": ${(error as Error).message}`,
    );
  }
  const tooLarge = serviceCIDRSizeError(pool.cidr);
  if (tooLarge !== undefined) fail(io, tooLarge);
  const kubernetesIP = kubernetesServiceIP(options.serviceClusterIpRange);
  if (kubernetesIP !== undefined) pool.allocate(kubernetesIP);
  return serviceAllocators(new NodePortAllocator(range.range), pool);
}

/** The admitted objects in the shape kubectl prints with -o: one object, or a List of several. */
function printObjects(objects: readonly Service[], format: 'yaml' | 'json', io: CommandIO): void {
  const withKind = objects.map((object) => ({ apiVersion: 'v1', kind: 'Service', ...object }));
  const document =
    withKind.length === 1
      ? withKind[0]
      : { apiVersion: 'v1', kind: 'List', items: withKind, metadata: { resourceVersion: '' } };
  // kubectl prints JSON indented by four, and YAML with sorted keys and unindented sequences.
  io.stdout(
    format === 'json'
      ? `${JSON.stringify(document, null, 4)}\n`
      : toYaml(document, { sortMapEntries: true, indentSeq: false }),
  );
}

/** Validates one manifest object; returns the admitted Service or the Status a server would answer with. */
function admit(
  manifest: ManifestObject,
  allocators: ServiceAllocators,
  seen: Set<string>,
  namespace: string,
): Service | Status {
  const input = structuredClone(manifest.object) as Service;
  input.metadata = { ...input.metadata, namespace: input.metadata?.namespace ?? namespace };
  const key = `${input.metadata.namespace ?? ''}/${input.metadata.name ?? ''}`;
  const result = admitServiceCreate(allocators, input);
  if (!result.ok) return result.status;
  if (seen.has(key)) {
    result.transaction.revert();
    return alreadyExists({ resource: 'services' }, input.metadata.name ?? '');
  }
  seen.add(key);
  result.transaction.commit();
  return result.service;
}

/** `portico validate -f FILE...`: every Service created, in order, on one fresh cluster. */
export function registerValidateCommand(program: Command, io: CommandIO): void {
  program
    .command('validate')
    .description('default, validate and allocate every Service in the manifests as a fresh cluster would, in order')
    .requiredOption('-f, --filename <files...>', 'manifests (YAML or JSON, several documents each; - for stdin)')
    .addOption(new Option('-o, --output <format>', 'print the admitted objects').choices(['yaml', 'json']))
    .option('-n, --namespace <namespace>', 'the namespace of objects that name none', 'default')
    .option('--service-node-port-range <range>', 'the nodePort range', '30000-32767')
    .option('--service-cluster-ip-range <cidr>', 'the ClusterIP range', '10.96.0.0/12')
    .action((options: ValidateOptions) => {
      let manifests: ManifestObject[];
      try {
        manifests = readManifests(options.filename, io.stdin);
      } catch (error) {
        if (error instanceof ManifestError) fail(io, error.message);
        throw error;
      }
      const allocators = freshClusterAllocators(options, io);
      const seen = new Set<string>();
      const admitted: Service[] = [];
      let failures = 0;
      for (const manifest of manifests) {
        const reference = objectReference(manifest.object);
        if (manifest.object['kind'] !== 'Service' || manifest.object['apiVersion'] !== 'v1') {
          io.stderr(`Warning: ${reference} not checked: portico validate checks Services (v1) today\n`);
          continue;
        }
        const outcome = admit(manifest, allocators, seen, options.namespace);
        if ('kind' in outcome && outcome.kind === 'Status') {
          failures++;
          io.stderr(`${formatKubectlError(outcome, { verb: 'creating', source: manifest.source })}\n`);
          continue;
        }
        const service = outcome;
        admitted.push(service);
        if (options.output === undefined) io.stdout(`${reference} valid: ${serviceSummary(service)}\n`);
      }
      if (options.output !== undefined && admitted.length > 0) printObjects(admitted, options.output, io);
      if (failures > 0) throw new CliExit(1);
    });
}
