/**
 * The objects every cluster has from its first second: the system namespaces and the `default/kubernetes`
 * Service (the first service IP, port `https` 443 → the API server) with its Endpoints and EndpointSlice.
 * They go through the same registry code as client requests, so strategies (and allocators) see them.
 */
import { systemEndpointsStrategy } from './registry/generic.ts';
import type { KubeObject } from './registry/strategy.ts';
import { type ResourceInfo, findResource } from './resources.ts';
import type { RegistryContext } from './rest/context.ts';
import { createObject } from './rest/create.ts';
import { asRecord, cloneJson, jsonEqual } from './rest/objects.ts';
import { getObject } from './rest/read.ts';
import { writeUpdate } from './rest/update.ts';

/** Where clients reach the API server, for the kubernetes Service and its endpoints. */
export interface BootstrapFacts {
  readonly serviceIP: string;
  readonly address: string;
  readonly port: number;
}

/** The namespaces kube-apiserver keeps in existence. */
export const systemNamespaces = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** Bootstrapping failed: which object, and the message of the Status the registry answered. */
export class BootstrapError extends Error {
  readonly code = 'BOOTSTRAP_FAILED';
}

function resource(group: string, plural: string): ResourceInfo {
  const info = findResource(group, plural);
  if (info === undefined) throw new BootstrapError(`resource ${plural} is not served`);
  return info;
}

/** Creates `desired` when missing; when present, stores what `reconcile` returns (if anything). */
async function ensure(
  context: RegistryContext,
  info: ResourceInfo,
  desired: KubeObject,
  reconcile: (existing: KubeObject) => KubeObject | undefined = () => undefined,
): Promise<void> {
  const meta = asRecord(desired.metadata);
  const name = String(meta['name']);
  const namespace = info.namespaced ? String(meta['namespace']) : '';
  const found = await getObject(context, info, namespace, name);
  if (found.ok) {
    const next = reconcile(cloneJson(found.value.object));
    if (next === undefined) return;
    const updated = await writeUpdate(context, info, found.value, next, { dryRun: false, mode: 'main' });
    if (!updated.ok) throw new BootstrapError(`updating ${info.plural}/${name}: ${updated.status.message ?? ''}`);
    return;
  }
  const created = await createObject(context, info, namespace, desired, { dryRun: false });
  if (!created.ok) throw new BootstrapError(`creating ${info.plural}/${name}: ${created.status.message ?? ''}`);
}

/** Replaces `field` of `existing` with `desired`'s when they differ; undefined when nothing changes. */
function replaceFields(existing: KubeObject, desired: KubeObject, fields: readonly string[]): KubeObject | undefined {
  if (fields.every((field) => jsonEqual(existing[field], desired[field]))) return undefined;
  const next = { ...existing };
  for (const field of fields) next[field] = cloneJson(desired[field]);
  return next;
}

function kubernetesService(facts: BootstrapFacts): KubeObject {
  return {
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: { component: 'apiserver', provider: 'kubernetes' },
    },
    spec: {
      type: 'ClusterIP',
      clusterIP: facts.serviceIP,
      clusterIPs: [facts.serviceIP],
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: facts.port }],
      sessionAffinity: 'None',
    },
  };
}

function endpointPorts(facts: BootstrapFacts): KubeObject[] {
  return [{ name: 'https', port: facts.port, protocol: 'TCP' }];
}

function kubernetesEndpoints(facts: BootstrapFacts): KubeObject {
  return {
    // The apiserver's reconciler writes the slice itself, so the mirroring controller must skip these Endpoints.
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
    },
    subsets: [{ addresses: [{ ip: facts.address }], ports: endpointPorts(facts) }],
  };
}

function kubernetesEndpointSlice(facts: BootstrapFacts): KubeObject {
  return {
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: facts.address.includes(':') ? 'IPv6' : 'IPv4',
    endpoints: [{ addresses: [facts.address], conditions: { ready: true } }],
    ports: endpointPorts(facts),
  };
}

/** Ensures the system namespaces and the kubernetes Service, Endpoints and EndpointSlice exist and are current. */
export async function bootstrapObjects(context: RegistryContext, facts: BootstrapFacts): Promise<void> {
  const namespaces = resource('', 'namespaces');
  for (const name of systemNamespaces) await ensure(context, namespaces, { metadata: { name } });
  const service = kubernetesService(facts);
  await ensure(context, resource('', 'services'), service, (existing) => {
    const spec = asRecord(existing['spec']);
    const ports = asRecord(service['spec'])['ports'];
    return jsonEqual(spec['ports'], ports) ? undefined : { ...existing, spec: { ...spec, ports } };
  });
  // The server's own address is written even when it is loopback, which user objects may not carry.
  const system: RegistryContext = { ...context, strategyFor: systemEndpointsStrategy };
  const endpoints = kubernetesEndpoints(facts);
  await ensure(system, resource('', 'endpoints'), endpoints, (e) => replaceFields(e, endpoints, ['subsets']));
  const slice = kubernetesEndpointSlice(facts);
  await ensure(system, resource('discovery.k8s.io', 'endpointslices'), slice, (e) =>
    replaceFields(e, slice, ['addressType', 'endpoints', 'ports']),
  );
}
