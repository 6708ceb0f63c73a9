/** Sorts manifest objects into the kinds the offline commands understand. */
import type { Node, Service } from 'kubernetes-types/core/v1.d.ts';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.d.ts';
import type { ManifestObject } from './manifests.ts';

/** The objects a kube-proxy would see, plus anything else (reported, not silently dropped). */
export interface ProxyInputs {
  readonly services: Service[];
  readonly endpointSlices: EndpointSlice[];
  readonly nodes: Node[];
  readonly ignored: ManifestObject[];
}

/** `kind/name` the way kubectl names an object in messages, e.g. `deployment.apps/web`. */
export function objectReference(object: Record<string, unknown>): string {
  const kind = typeof object['kind'] === 'string' ? object['kind'].toLowerCase() : '';
  const apiVersion = typeof object['apiVersion'] === 'string' ? object['apiVersion'] : '';
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const metadata = (object['metadata'] ?? {}) as { name?: unknown };
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  return `${kind}${group === '' ? '' : `.${group ?? ''}`}/${name}`;
}

/** Splits manifests into Services, EndpointSlices and Nodes; other kinds land in `ignored`. */
export function proxyInputsFrom(manifests: readonly ManifestObject[]): ProxyInputs {
  const inputs: ProxyInputs = { services: [], endpointSlices: [], nodes: [], ignored: [] };
  for (const manifest of manifests) {
    const { kind, apiVersion } = manifest.object;
    if (kind === 'Service' && apiVersion === 'v1') inputs.services.push(manifest.object);
    else if (kind === 'EndpointSlice' && apiVersion === 'discovery.k8s.io/v1') {
      inputs.endpointSlices.push(manifest.object as unknown as EndpointSlice);
    } else if (kind === 'Node' && apiVersion === 'v1') inputs.nodes.push(manifest.object);
    else inputs.ignored.push(manifest);
  }
  return inputs;
}
