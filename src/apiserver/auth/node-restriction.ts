/**
 * The NodeRestriction admission plugin, for what Portico serves: a node may create and update only its own Node
 * (and its status) and its own Lease, update the status of and delete only Pods bound to it, and create only
 * mirror pods bound to it. It runs once the body is read, after authorization allowed the request.
 */
import type { Status } from '../../api/status.ts';
import type { KubeObject } from '../registry/strategy.ts';
import type { ServerContext } from '../handlers/types.ts';
import { decodeObjectBody } from '../http/body.ts';
import { findResource } from '../resources.ts';
import { objectKey } from '../rest/keys.ts';
import { isRecord } from '../rest/objects.ts';
import type { RequestAttributes } from './attributes.ts';
import { admissionDenied } from './forbidden.ts';

/** The request body and what reading stored objects needs. */
export interface AdmissionInput {
  readonly context: ServerContext;
  readonly contentType: string | undefined;
  readonly body: Buffer | undefined;
}

const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
const pods = findResource('', 'pods');

function field(object: unknown, ...path: string[]): unknown {
  let value = object;
  for (const key of path) value = isRecord(value) ? value[key] : undefined;
  return value;
}

// An undecodable body is left to the handler, which answers it in its own words.
function bodyObject(input: AdmissionInput): KubeObject | undefined {
  const decoded = decodeObjectBody(input.contentType, input.body, input.context.decodeProtobuf);
  return decoded.ok ? decoded.value : undefined;
}

function bodyName(input: AdmissionInput): string | undefined {
  const name = field(bodyObject(input), 'metadata', 'name');
  return typeof name === 'string' ? name : undefined;
}

async function boundNode(input: AdmissionInput, namespace: string, name: string): Promise<string | undefined> {
  if (pods === undefined) return undefined;
  const stored = await input.context.store.get(objectKey(pods, namespace, name));
  if (stored === undefined) return undefined;
  const nodeName = field(stored.object, 'spec', 'nodeName');
  return typeof nodeName === 'string' ? nodeName : '';
}

function admitNode(node: string, attributes: RequestAttributes, input: AdmissionInput): Status | undefined {
  const requested = attributes.verb === 'create' ? bodyName(input) : attributes.name;
  if (requested === undefined || requested === node) return undefined;
  return admissionDenied(attributes, requested, `node "${node}" is not allowed to modify node "${requested}"`);
}

function admitLeaseCreate(node: string, attributes: RequestAttributes, input: AdmissionInput): Status | undefined {
  const requested = bodyName(input);
  if (requested === undefined || requested === node) return undefined;
  return admissionDenied(attributes, requested, 'can only access node lease with the same name as the requesting node');
}

function admitPodCreate(node: string, attributes: RequestAttributes, input: AdmissionInput): Status | undefined {
  const pod = bodyObject(input);
  if (pod === undefined) return undefined;
  const name = field(pod, 'metadata', 'name');
  const deny = (why: string): Status => admissionDenied(attributes, typeof name === 'string' ? name : '', why);
  const annotations = field(pod, 'metadata', 'annotations');
  if (!isRecord(annotations) || !(MIRROR_POD_ANNOTATION in annotations)) {
    return deny(`pod does not have "${MIRROR_POD_ANNOTATION}" annotation, node "${node}" can only create mirror pods`);
  }
  if (field(pod, 'spec', 'nodeName') !== node) {
    return deny(`node "${node}" can only create pods with spec.nodeName set to itself`);
  }
  return undefined;
}

async function admitPodWrite(
  node: string,
  attributes: RequestAttributes,
  input: AdmissionInput,
): Promise<Status | undefined> {
  const bound = await boundNode(input, attributes.namespace, attributes.name);
  // A missing pod is the handler's 404.
  if (bound === undefined || bound === node) return undefined;
  const why =
    attributes.verb === 'delete'
      ? `node "${node}" can only delete pods with spec.nodeName set to itself`
      : `node "${node}" can only update pod status for pods with spec.nodeName set to itself`;
  return admissionDenied(attributes, attributes.name, why);
}

/** Undefined when node `node` may make this (already authorized) request, else the 403 to answer. */
export async function admitNodeRequest(
  node: string,
  attributes: RequestAttributes,
  input: AdmissionInput,
): Promise<Status | undefined> {
  const { apiGroup, resource, subresource, verb } = attributes;
  const writes = ['create', 'update', 'patch', 'delete'].includes(verb);
  if (!attributes.isResourceRequest || !writes) return undefined;
  if (apiGroup === 'coordination.k8s.io' && resource === 'leases' && verb === 'create') {
    return admitLeaseCreate(node, attributes, input);
  }
  if (apiGroup !== '') return undefined;
  if (resource === 'nodes') return admitNode(node, attributes, input);
  if (resource !== 'pods') return undefined;
  if (subresource === '' && verb === 'create') return admitPodCreate(node, attributes, input);
  if (subresource === 'status' || (subresource === '' && verb === 'delete')) {
    return admitPodWrite(node, attributes, input);
  }
  return undefined;
}
