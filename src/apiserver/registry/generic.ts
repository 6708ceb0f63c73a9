/**
 * The strategy of every resource without allocation or a lifecycle of its own: its kind's defaults and validation
 * (`kind-rules.ts`), ObjectMeta validation with upstream's name rules, and the Namespace defaults. No allocation.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1.d.ts';
import { withoutNulls } from '../../api/json.ts';
import { invalidStatus } from '../../api/status.ts';
import type { FieldError } from '../../api/field-errors.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../api/validation/object-meta.ts';
import { checkShape, objectMetaShape, objectShape } from '../../api/validation/shape.ts';
import {
  type NameValidator,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
} from '../../api/validation/names.ts';
import type { ResourceInfo } from '../resources.ts';
import { kindRules, type KindRules } from './kind-rules.ts';
import { type Admission, type KubeObject, type Strategy, admitted } from './strategy.ts';

/** The label every Namespace carries with its own name (SetDefaults_Namespace). */
export const namespaceNameLabel = 'kubernetes.io/metadata.name';

/** Which name format a kind's names must follow, as upstream's per-kind validation picks it. */
export function nameValidatorFor(info: Pick<ResourceInfo, 'group' | 'kind'>): NameValidator {
  if (info.group !== '') return nameIsDNSSubdomain;
  if (info.kind === 'Service') return nameIsDNS1035Label;
  if (info.kind === 'Namespace') return nameIsDNSLabel;
  return nameIsDNSSubdomain;
}

function metaOf(object: KubeObject): ObjectMeta {
  return object.metadata ?? {};
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A Namespace with its defaults: the name label, the `kubernetes` finalizer, and (on create) phase Active. */
export function defaultNamespace(object: KubeObject, old?: KubeObject): KubeObject {
  const metadata = { ...metaOf(object) } as Record<string, unknown>;
  const name = typeof metadata['name'] === 'string' ? metadata['name'] : '';
  metadata['labels'] = { ...asRecord(metadata['labels']), [namespaceNameLabel]: name };
  if (old !== undefined) {
    // Finalizers go through the `finalize` subresource upstream; a plain update keeps them, and the status.
    return { ...object, metadata, spec: asRecord(old['spec']), status: asRecord(old['status']) };
  }
  const spec = asRecord(object['spec']);
  const finalizers = Array.isArray(spec['finalizers']) ? (spec['finalizers'] as unknown[]) : [];
  const withKubernetes = finalizers.includes('kubernetes') ? finalizers : [...finalizers, 'kubernetes'];
  return { ...object, metadata, spec: { ...spec, finalizers: withKubernetes }, status: { phase: 'Active' } };
}

function verdict(info: ResourceInfo, object: KubeObject, errors: readonly FieldError[]): Admission {
  if (errors.length === 0) return admitted(object);
  const name = typeof object.metadata?.name === 'string' ? object.metadata.name : '';
  return { ok: false, status: invalidStatus({ kind: info.kind, group: info.group }, name, errors) };
}

/** ObjectMeta rules only, for kinds with nothing more to check. */
function metadataRules(info: ResourceInfo): KindRules {
  const nameFn = nameValidatorFor(info);
  return {
    validateCreate: (object) =>
      metadataShapeErrors(object) ?? validateObjectMeta(metaOf(object), info.namespaced, nameFn),
    validateUpdate: (object, old) =>
      metadataShapeErrors(object) ?? validateObjectMetaUpdate(metaOf(object), metaOf(old)),
  };
}

const metadataOnlyShape = objectShape({ metadata: objectMetaShape });

/** Type errors in `metadata`, if any: the metadata rules read its fields as the types they declare. */
function metadataShapeErrors(object: KubeObject): FieldError[] | undefined {
  const errors = checkShape(object, metadataOnlyShape);
  return errors.length > 0 ? errors : undefined;
}

/**
 * The strategy of the API server's own Endpoints and EndpointSlice: their kind's defaults and ObjectMeta rules only.
 * Its address may be loopback (a test server, one host), which the rules refuse for user objects; as upstream's
 * endpoint reconciler does, the server writes its own address anyway.
 */
export function systemEndpointsStrategy(info: ResourceInfo): Strategy {
  const rules = kindRules(info.group, info.kind);
  const meta = metadataRules(info);
  return strategyFrom(info, { ...meta, ...(rules?.defaults === undefined ? {} : { defaults: rules.defaults }) });
}

/**
 * The strategy for `info`: the kind's defaults and validation (`kind-rules.ts`; ObjectMeta only for kinds without
 * rules), and the Namespace defaults.
 */
export function genericStrategy(info: ResourceInfo): Strategy {
  return strategyFrom(info, kindRules(info.group, info.kind) ?? metadataRules(info));
}

function strategyFrom(info: ResourceInfo, rules: KindRules): Strategy {
  const isNamespace = info.group === '' && info.kind === 'Namespace';
  const defaults = (object: KubeObject): KubeObject => rules.defaults?.(object) ?? object;
  return {
    admitCreate(input) {
      // JSON null means unset: the rules see bodies without them, as Go's decoder leaves them.
      const object = withoutNulls(input);
      const prepared = defaults(isNamespace ? defaultNamespace(object) : object);
      return verdict(info, prepared, rules.validateCreate(prepared));
    },
    admitUpdate(input, old) {
      const object = withoutNulls(input);
      const prepared = defaults(isNamespace ? defaultNamespace(object, old) : object);
      return verdict(info, prepared, rules.validateUpdate(prepared, old));
    },
    admitStatusUpdate(input, old) {
      const object = withoutNulls(input);
      const validate = rules.validateStatusUpdate ?? metadataRules(info).validateUpdate;
      return verdict(info, object, validate(object, old));
    },
    afterDelete() {
      return undefined;
    },
    // Upstream bumps generation on spec changes for the workload kinds only.
    tracksGeneration: info.group === 'apps',
  };
}
