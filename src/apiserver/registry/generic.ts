/**
 * The strategy every resource uses until it has its own: ObjectMeta validation with upstream's name rules and
 * messages, and the Namespace defaults kube-apiserver applies. Nothing else — no spec validation, no allocation.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1.d.ts';
import { invalidStatus } from '../../api/status.ts';
import type { FieldError } from '../../api/field-errors.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../api/validation/object-meta.ts';
import {
  type NameValidator,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
} from '../../api/validation/names.ts';
import type { ResourceInfo } from '../resources.ts';
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

/** The strategy for `info`: names and metadata validated, Namespaces defaulted, no other rules. */
export function genericStrategy(info: ResourceInfo): Strategy {
  const nameFn = nameValidatorFor(info);
  const isNamespace = info.group === '' && info.kind === 'Namespace';
  return {
    admitCreate(object) {
      const prepared = isNamespace ? defaultNamespace(object) : object;
      return verdict(info, prepared, validateObjectMeta(metaOf(prepared), info.namespaced, nameFn));
    },
    admitUpdate(object, old) {
      const prepared = isNamespace ? defaultNamespace(object, old) : object;
      return verdict(info, prepared, validateObjectMetaUpdate(metaOf(prepared), metaOf(old)));
    },
    admitStatusUpdate(object, old) {
      return verdict(info, object, validateObjectMetaUpdate(metaOf(object), metaOf(old)));
    },
    afterDelete() {
      return undefined;
    },
    // Upstream bumps generation on spec changes for the workload kinds only.
    tracksGeneration: info.group === 'apps',
  };
}
