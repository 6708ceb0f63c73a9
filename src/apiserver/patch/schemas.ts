/** The strategic-merge schemas of the kinds Portico serves, from the struct tags of k8s.io/api. */
import { itemPath, nested, type PatchSchema } from './schema.ts';

/** ObjectMeta: finalizers merge as a set of strings, ownerReferences by uid. */
const OBJECT_META: PatchSchema = {
  finalizers: {},
  ownerReferences: { mergeKey: 'uid' },
};

/** The lists of a Container (and of an EphemeralContainer, which shares its fields). */
const CONTAINER: PatchSchema = {
  ports: { mergeKey: 'containerPort' },
  env: { mergeKey: 'name' },
  volumeMounts: { mergeKey: 'mountPath' },
  volumeDevices: { mergeKey: 'devicePath' },
};

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'];

/** PodSpec: the container lists (and their own lists), volumes, pull secrets, host aliases, ... */
const POD_SPEC: PatchSchema = {
  ...Object.fromEntries(CONTAINER_LISTS.map((list) => [list, { mergeKey: 'name' }])),
  ...Object.fromEntries(CONTAINER_LISTS.flatMap((list) => Object.entries(nested(itemPath(list), CONTAINER)))),
  volumes: { mergeKey: 'name' },
  imagePullSecrets: { mergeKey: 'name' },
  hostAliases: { mergeKey: 'ip' },
  topologySpreadConstraints: { mergeKey: 'topologyKey' },
  resourceClaims: { mergeKey: 'name' },
  schedulingGates: { mergeKey: 'name' },
};

/** `status.conditions` merged by type, as every kind here with conditions declares it. */
const CONDITIONS: PatchSchema = { 'status.conditions': { mergeKey: 'type' } };

/** A pod template (Deployment, ReplicaSet) under `spec.template`. */
const POD_TEMPLATE: PatchSchema = {
  ...nested('spec.template.metadata', OBJECT_META),
  ...nested('spec.template.spec', POD_SPEC),
};

/** Kinds without merging lists of their own still merge their metadata's. */
const METADATA_ONLY: PatchSchema = nested('metadata', OBJECT_META);

/** Service: `spec.ports` by port. */
export const SERVICE_PATCH_SCHEMA: PatchSchema = {
  ...METADATA_ONLY,
  'spec.ports': { mergeKey: 'port' },
  ...CONDITIONS,
};

/** Pod: the PodSpec lists, and status conditions and IPs. */
export const POD_PATCH_SCHEMA: PatchSchema = {
  ...METADATA_ONLY,
  ...nested('spec', POD_SPEC),
  ...CONDITIONS,
  'status.podIPs': { mergeKey: 'ip' },
  'status.hostIPs': { mergeKey: 'ip' },
  'status.resourceClaimStatuses': { mergeKey: 'name' },
};

/** Deployment: the pod template's lists and status conditions. */
export const DEPLOYMENT_PATCH_SCHEMA: PatchSchema = { ...METADATA_ONLY, ...POD_TEMPLATE, ...CONDITIONS };

/** ReplicaSet: the pod template's lists and status conditions. */
export const REPLICA_SET_PATCH_SCHEMA: PatchSchema = { ...METADATA_ONLY, ...POD_TEMPLATE, ...CONDITIONS };

/** Endpoints: `subsets` carries no merge tags, so it is replaced whole. */
export const ENDPOINTS_PATCH_SCHEMA: PatchSchema = METADATA_ONLY;

/** EndpointSlice: endpoints and ports are replaced whole. */
export const ENDPOINT_SLICE_PATCH_SCHEMA: PatchSchema = METADATA_ONLY;

/** Node: podCIDRs merge as a set; status conditions and addresses by type. */
export const NODE_PATCH_SCHEMA: PatchSchema = {
  ...METADATA_ONLY,
  'spec.podCIDRs': {},
  ...CONDITIONS,
  'status.addresses': { mergeKey: 'type' },
};

/** Namespace: status conditions by type. */
export const NAMESPACE_PATCH_SCHEMA: PatchSchema = { ...METADATA_ONLY, ...CONDITIONS };

/** Event: only metadata lists merge. */
export const EVENT_PATCH_SCHEMA: PatchSchema = METADATA_ONLY;

/** The schema of each served kind. */
export const PATCH_SCHEMAS: Readonly<Record<string, PatchSchema>> = {
  Service: SERVICE_PATCH_SCHEMA,
  Pod: POD_PATCH_SCHEMA,
  Deployment: DEPLOYMENT_PATCH_SCHEMA,
  ReplicaSet: REPLICA_SET_PATCH_SCHEMA,
  Endpoints: ENDPOINTS_PATCH_SCHEMA,
  EndpointSlice: ENDPOINT_SLICE_PATCH_SCHEMA,
  Node: NODE_PATCH_SCHEMA,
  Namespace: NAMESPACE_PATCH_SCHEMA,
  Event: EVENT_PATCH_SCHEMA,
};

/** The schema for `kind`; other kinds merge only their metadata's lists. */
export function patchSchemaFor(kind: string | undefined): PatchSchema {
  return (kind === undefined ? undefined : PATCH_SCHEMAS[kind]) ?? METADATA_ONLY;
}
