/**
 * core/v1 Nodes (upstream `ValidateNode`, `ValidateNodeUpdate`, v1.34), plus two rules upstream leaves to the
 * kubelet: each status address is well-formed for its type (an IP for `*IP`, a DNS name otherwise) and the kubelet
 * endpoint port is 0..65535 — the API server builds URLs from both.
 */
import type { Node, NodeAddress, NodeSpec } from 'kubernetes-types/core/v1.d.ts';
import { parseCIDR } from '../../net/index.ts';
import {
  type FieldError,
  duplicate,
  forbidden,
  goLiteral,
  goQuote,
  goStringSlice,
  invalid,
  notSupported,
  required,
} from '../field-errors.ts';
import { validateDNS1123Subdomain, validateQuantity } from './common.ts';
import { validateCIDR, validateIP } from './ip.ts';
import { inclusiveRangeError } from './messages.ts';
import { nameIsDNSSubdomain } from './names.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.ts';
import { arrayOf, checkShape, mapOf, objectMetaShape, objectShape, type Shape } from './shape.ts';
import { validateNodeTaints } from './taints.ts';

const ADDRESS_TYPES = ['ExternalDNS', 'ExternalIP', 'Hostname', 'InternalDNS', 'InternalIP'];

/** The JSON shape of the fields a Node's rules read. */
export const nodeShape: Shape = objectShape({
  metadata: objectMetaShape,
  spec: objectShape({
    podCIDR: 'string',
    podCIDRs: arrayOf('string'),
    providerID: 'string',
    unschedulable: 'boolean',
    externalID: 'string',
    taints: arrayOf(objectShape({ key: 'string', value: 'string', effect: 'string', timeAdded: 'string' })),
  }),
  status: objectShape({
    capacity: mapOf('quantity'),
    allocatable: mapOf('quantity'),
    addresses: arrayOf(objectShape({ type: 'string', address: 'string' })),
    daemonEndpoints: objectShape({ kubeletEndpoint: objectShape({ Port: 'int32' }) }),
    conditions: arrayOf(objectShape({ type: 'string', status: 'string' })),
  }),
});

/** The pod CIDRs, with the v1 conversion's rule: a lone `podCIDR` stands for the list when the list is empty. */
function podCIDRsOf(spec: NodeSpec | undefined): string[] {
  const listed = spec?.podCIDRs ?? [];
  return listed.length === 0 && (spec?.podCIDR ?? '') !== '' ? [spec?.podCIDR ?? ''] : listed;
}

function validatePodCIDRs(cidrs: readonly string[]): FieldError[] {
  const path = 'spec.podCIDRs';
  const errors = cidrs.flatMap((cidr, i) => validateCIDR(`${path}[${String(i)}]`, cidr));
  if (cidrs.length <= 1) return errors;
  const families = cidrs.map((cidr) => parseCIDR(cidr, { sloppy: true })?.family);
  if (!(families.includes('IPv4') && families.includes('IPv6')) || cidrs.length > 2) {
    errors.push(invalid(path, goStringSlice(cidrs), 'may specify no more than one CIDR for each IP family'));
  }
  const seen = new Set<string>();
  cidrs.forEach((cidr, i) => {
    if (seen.has(cidr)) errors.push(duplicate(`${path}[${String(i)}]`, cidr));
    seen.add(cidr);
  });
  return errors;
}

function validateResources(node: Node): FieldError[] {
  const errors: FieldError[] = [];
  for (const list of ['capacity', 'allocatable'] as const) {
    const quantities = (node.status?.[list] ?? {}) as Readonly<Record<string, string | number>>;
    for (const name of Object.keys(quantities).sort()) {
      errors.push(...validateQuantity(quantities[name] ?? '', `status.${list}.${name}`));
    }
  }
  return errors;
}

function validateAddress(address: NodeAddress, path: string): FieldError[] {
  const type = (address.type as string | undefined) ?? '';
  const value = (address.address as string | undefined) ?? '';
  const errors: FieldError[] = [];
  if (type === '') errors.push(required(`${path}.type`));
  else if (!ADDRESS_TYPES.includes(type)) errors.push(notSupported(`${path}.type`, type, ADDRESS_TYPES));
  if (value === '') return [...errors, required(`${path}.address`)];
  if (type.endsWith('IP')) errors.push(...validateIP(`${path}.address`, value));
  else errors.push(...validateDNS1123Subdomain(value, `${path}.address`));
  return errors;
}

/** Addresses and the kubelet port: what `pods/log` and friends will dial. */
function validateReachability(node: Node): FieldError[] {
  const errors = (node.status?.addresses ?? []).flatMap((address, i) =>
    validateAddress(address, `status.addresses[${String(i)}]`),
  );
  const port = node.status?.daemonEndpoints?.kubeletEndpoint?.Port;
  if (port !== undefined && (port < 0 || port > 65535)) {
    errors.push(invalid('status.daemonEndpoints.kubeletEndpoint.Port', port, inclusiveRangeError(0, 65535)));
  }
  return errors;
}

function validateNodeBody(node: Node): FieldError[] {
  return [
    ...validateNodeTaints(node.spec?.taints ?? [], 'metadata.taints'),
    ...validateResources(node),
    ...validatePodCIDRs(podCIDRsOf(node.spec)),
    ...validateReachability(node),
  ];
}

/**
 * ValidateNode: metadata (cluster-scoped), taints (reported under `metadata.taints`, as upstream does), resources,
 * pod CIDRs, addresses.
 */
export function validateNode(object: unknown): FieldError[] {
  const shapeErrors = checkShape(object, nodeShape);
  if (shapeErrors.length > 0) return shapeErrors;
  const node = (object ?? {}) as Node;
  return [...validateObjectMeta(node.metadata, false, nameIsDNSSubdomain), ...validateNodeBody(node)];
}

function goNodeAddress(address: NodeAddress): string {
  return `core.NodeAddress{Type:${goQuote(address.type)}, Address:${goQuote(address.address)}}`;
}

function validateSpecUpdate(node: Node, old: Node): FieldError[] {
  const errors: FieldError[] = [];
  const oldCIDRs = podCIDRsOf(old.spec);
  const newCIDRs = podCIDRsOf(node.spec);
  const cidrMessage = 'node updates may not change podCIDR except from "" to valid';
  if (oldCIDRs.length > 0) {
    if (oldCIDRs.length !== newCIDRs.length) errors.push(forbidden('spec.podCIDRs', cidrMessage));
    else oldCIDRs.forEach((cidr, i) => cidr !== newCIDRs[i] && errors.push(forbidden('spec.podCIDRs', cidrMessage)));
  }
  const oldProvider = old.spec?.providerID ?? '';
  if (oldProvider !== '' && oldProvider !== (node.spec?.providerID ?? '')) {
    errors.push(forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  if ((node.spec?.externalID ?? '') !== (old.spec?.externalID ?? '')) {
    errors.push(forbidden('spec.externalID', 'may not be updated'));
  }
  return errors;
}

/** ValidateNodeUpdate (main resource and status): metadata rules, no repeated address, write-once pod CIDRs. */
export function validateNodeUpdate(object: unknown, old: unknown): FieldError[] {
  const shapeErrors = checkShape(object, nodeShape);
  if (shapeErrors.length > 0) return shapeErrors;
  const node = (object ?? {}) as Node;
  const previous = (old ?? {}) as Node;
  const errors = [...validateObjectMetaUpdate(node.metadata, previous.metadata), ...validateResources(node)];
  const seen = new Set<string>();
  (node.status?.addresses ?? []).forEach((address, i) => {
    const key = `${address.type}\u0000${address.address}`;
    if (seen.has(key)) errors.push(duplicate(`status.addresses[${String(i)}]`, goLiteral(goNodeAddress(address))));
    seen.add(key);
  });
  errors.push(
    ...validateSpecUpdate(node, previous),
    ...validateNodeTaints(node.spec?.taints ?? [], 'metadata.taints'),
    ...validatePodCIDRs(podCIDRsOf(node.spec)),
    ...validateReachability(node),
  );
  return errors;
}
