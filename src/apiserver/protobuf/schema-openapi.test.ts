import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { allMessages, jsonFieldsOf, messageInfoFor, type FieldInfo } from './schema.ts';
import { SPECIAL_TYPES } from './special-types.ts';

// An independent check of the schema's JSON names and value types: the OpenAPI models (Kubernetes
// v1.34) that @kubernetes/client-node generates. Field numbers are checked by the wire fixtures.

interface Attribute {
  readonly baseName: string;
  readonly type: string;
  readonly format: string;
}

// Model class names that are not `V1<Message>`.
const MODEL_NAMES: Readonly<Record<string, string>> = {
  'k8s.io.api.core.v1.EndpointPort': 'CoreV1EndpointPort',
  'k8s.io.api.core.v1.Event': 'CoreV1Event',
  'k8s.io.api.core.v1.EventSeries': 'CoreV1EventSeries',
  'k8s.io.api.core.v1.ResourceClaim': 'CoreV1ResourceClaim',
  'k8s.io.api.discovery.v1.EndpointPort': 'DiscoveryV1EndpointPort',
};

// Messages that exist only inline (or only on the wire): OpenAPI has no model for them.
const NO_MODEL = new Set(['EphemeralContainerCommon', 'ProbeHandler', 'VolumeSource', 'TypeMeta', 'Unknown']);

// Fields the schema leaves out on purpose (see the schema files): reported as unknown if sent.
const LEFT_OUT: Readonly<Record<string, readonly string[]>> = {
  Volume: [
    ...['gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'iscsi', 'glusterfs', 'rbd', 'flexVolume'],
    ...['cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk'],
    ...['photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos', 'ephemeral'],
  ],
  NodeSpec: ['configSource'],
  NodeStatus: ['config'],
  Container: ['restartPolicyRules'],
  EphemeralContainer: ['restartPolicyRules'],
  PodStatus: ['extendedResourceClaimStatus'],
  VolumeProjection: ['clusterTrustBundle', 'podCertificate'],
};

// Fields newer than the v1.34 models (taken from the current upstream generated.proto).
const NEWER_THAN_MODELS: Readonly<Record<string, readonly string[]>> = {
  NodeFeatures: ['containerUlimits'],
  NodeStatus: ['declaredFeatures'],
  PodStatus: ['allocatedResources', 'resources'],
  DeploymentSpec: ['podReplacementPolicy'],
};

const shortName = (fullName: string) => fullName.slice(fullName.lastIndexOf('.') + 1);
const modelName = (fullName: string) => MODEL_NAMES[fullName] ?? `V1${shortName(fullName)}`;

/** The client-node type string for one value of the field (element or map value). */
function valueType(field: FieldInfo): string {
  switch (field.scalar) {
    case 'string':
    case 'bytes':
      return 'string';
    case 'bool':
      return 'boolean';
    case 'int32':
    case 'int64':
      return `number/${field.scalar}`;
    case undefined:
      return messageType(field.type);
  }
}

function messageType(fullName: string): string {
  const special = SPECIAL_TYPES.has(fullName) ? shortName(fullName) : undefined;
  if (special === 'Time') return 'Date';
  if (special === 'MicroTime') return 'V1MicroTime';
  if (special === 'Quantity') return 'string';
  if (special === 'FieldsV1' || special === 'RawExtension') return 'any';
  return special ?? modelName(fullName);
}

function schemaType(field: FieldInfo): string {
  const value = valueType(field);
  if (field.map) return `{ [key: string]: ${value}; }`;
  return field.repeated ? `Array<${value}>` : value;
}

function modelType(attribute: Attribute): string {
  const number = attribute.type.replace('number', `number/${attribute.format}`);
  return attribute.type === 'number'
    ? number
    : attribute.type.replace(/Array<number>/, `Array<number/${attribute.format}>`);
}

async function attributes(name: string): Promise<readonly Attribute[] | undefined> {
  try {
    const module = (await import(`@kubernetes/client-node/dist/gen/models/${name}.js`)) as Record<string, unknown>;
    const model = module[name] as { attributeTypeMap: readonly Attribute[] } | undefined;
    return model?.attributeTypeMap;
  } catch {
    return undefined;
  }
}

test('every message matches its OpenAPI model: JSON names and value types', async () => {
  const problems: string[] = [];
  const withoutModel: string[] = [];
  const allowed = new Set<string>();
  const allow = (list: Readonly<Record<string, readonly string[]>>, short: string, key: string) => {
    const ok = (list[short] ?? []).includes(key);
    if (ok) allowed.add(`${short}.${key}`);
    return ok;
  };
  for (const fullName of allMessages().keys()) {
    if (SPECIAL_TYPES.has(fullName)) continue;
    const short = shortName(fullName);
    const model = await attributes(modelName(fullName));
    if (model === undefined) {
      withoutModel.push(short);
      continue;
    }
    const fields = jsonFieldsOf(messageInfoFor(fullName));
    const modelKeys = new Set(model.map((a) => a.baseName).filter((k) => k !== 'apiVersion' && k !== 'kind'));
    for (const key of modelKeys) {
      if (!fields.has(key) && !allow(LEFT_OUT, short, key)) problems.push(`${short}.${key}: missing`);
    }
    for (const [key, field] of fields) {
      const attribute = model.find((a) => a.baseName === key);
      if (attribute === undefined) {
        if (!allow(NEWER_THAN_MODELS, short, key)) problems.push(`${short}.${key}: not in the model`);
      } else if (modelType(attribute) !== schemaType(field)) {
        problems.push(`${short}.${key}: ${schemaType(field)}, model says ${modelType(attribute)}`);
      }
    }
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(new Set(withoutModel), NO_MODEL);
  // Every allowance is still needed.
  const listed = [LEFT_OUT, NEWER_THAN_MODELS].flatMap((list) =>
    Object.entries(list).flatMap(([short, keys]) => keys.map((key) => `${short}.${key}`)),
  );
  assert.deepEqual(
    listed.filter((entry) => !allowed.has(entry)),
    [],
  );
});

// `req` means "no omitempty": Go always writes the field. OpenAPI marks a field required when it has
// no omitempty and no `+optional` marker, so every required scalar there must be `req` here; the
// reverse holds except for the fields below (`+optional` yet without omitempty upstream).
const REQUIRED_WITHOUT_OPENAPI = new Set(['Event.reportingComponent', 'Event.reportingInstance']);

const require = createRequire(import.meta.url);

/** The keys a model's TypeScript declaration marks required (`'port': number;`). */
function requiredKeys(name: string): ReadonlySet<string> {
  const file = require.resolve(`@kubernetes/client-node/dist/gen/models/${name}.js`).replace(/\.js$/, '.d.ts');
  return new Set([...readFileSync(file, 'utf8').matchAll(/^\s+'(\w+)': /gm)].map((match) => match[1] ?? ''));
}

test('req marks exactly the scalars OpenAPI requires (plus the known +optional exceptions)', () => {
  const problems: string[] = [];
  for (const fullName of allMessages().keys()) {
    const short = shortName(fullName);
    if (SPECIAL_TYPES.has(fullName) || NO_MODEL.has(short)) continue;
    const required = requiredKeys(modelName(fullName));
    for (const [key, field] of jsonFieldsOf(messageInfoFor(fullName))) {
      const scalarLike = field.scalar !== undefined || field.type.endsWith('.IntOrString');
      if (!scalarLike || field.repeated || field.map) continue;
      const openapi = required.has(key) || REQUIRED_WITHOUT_OPENAPI.has(`${short}.${key}`);
      if (openapi !== field.required) problems.push(`${short}.${key}: req=${field.required}, OpenAPI ${openapi}`);
    }
  }
  assert.deepEqual(problems, []);
});
