/**
 * ObjectMeta validation on create and update (apimachinery `api/validation/objectmeta.go`, plus the
 * core finalizer-name rule), for namespaced objects such as Services.
 */
import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1.d.ts';
import {
  type FieldError,
  forbidden,
  goLiteral,
  goQuote,
  goStringSlice,
  invalid,
  required,
  tooLong,
} from '../field-errors.ts';
import { validateLabels } from '../labels/validate.ts';
import { fieldImmutableErrorMsg, isNegativeErrorMsg } from './messages.ts';
import { isQualifiedName, type NameValidator, nameIsDNSLabel } from './names.ts';

/** Annotations may hold at most 256 KiB of keys and values together. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024;

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** Validates metadata of an object about to be created; `nameFn` checks name and generateName. */
export function validateObjectMeta(
  meta: ObjectMeta | undefined,
  requiresNamespace: boolean,
  nameFn: NameValidator,
  path = 'metadata',
): FieldError[] {
  const m = meta ?? {};
  const errors: FieldError[] = [];
  const generateName = m.generateName ?? '';
  if (generateName !== '') {
    for (const msg of nameFn(generateName, true)) errors.push(invalid(`${path}.generateName`, generateName, msg));
  }
  const name = m.name ?? '';
  if (name === '') errors.push(required(`${path}.name`, 'name or generateName is required'));
  else for (const msg of nameFn(name, false)) errors.push(invalid(`${path}.name`, name, msg));
  errors.push(...validateNamespaceField(m.namespace ?? '', requiresNamespace, `${path}.namespace`));
  errors.push(...validateCommonMeta(m, path));
  for (const finalizer of m.finalizers ?? [])
    errors.push(...validateKubeFinalizerName(finalizer, `${path}.finalizers`));
  return errors;
}

function validateNamespaceField(namespace: string, requiresNamespace: boolean, path: string): FieldError[] {
  if (!requiresNamespace) return namespace === '' ? [] : [forbidden(path, 'not allowed on this type')];
  if (namespace === '') return [required(path)];
  return nameIsDNSLabel(namespace, false).map((msg) => invalid(path, namespace, msg));
}

function validateCommonMeta(m: ObjectMeta, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const generation = m.generation ?? 0;
  if (generation < 0) errors.push(invalid(`${path}.generation`, generation, isNegativeErrorMsg));
  errors.push(...validateLabels(m.labels, `${path}.labels`));
  errors.push(...validateAnnotations(m.annotations, `${path}.annotations`));
  errors.push(...validateOwnerReferences(m.ownerReferences ?? [], `${path}.ownerReferences`));
  errors.push(...validateFinalizers(m.finalizers ?? [], `${path}.finalizers`));
  return errors;
}

/** Annotation keys are qualified names (case-insensitively); the total size is capped. */
export function validateAnnotations(
  annotations: Readonly<Record<string, string>> | undefined,
  path: string,
): FieldError[] {
  const errors: FieldError[] = [];
  let size = 0;
  for (const key of Object.keys(annotations ?? {}).sort()) {
    for (const msg of isQualifiedName(key.toLowerCase())) errors.push(invalid(path, key, msg));
    size += Buffer.byteLength(key) + Buffer.byteLength(annotations?.[key] ?? '');
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) errors.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT_BYTES));
  return errors;
}

/** Splits `apiVersion` like schema.ParseGroupVersion; `undefined` when it has more than one slash. */
function parseGroupVersion(apiVersion: string): { group: string; version: string } | undefined {
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: apiVersion };
  if (parts.length === 2) return { group: parts[0] ?? '', version: parts[1] ?? '' };
  return undefined;
}

function goOptionalBool(value: boolean | undefined): string {
  return value === undefined ? '(*bool)(nil)' : `(*bool)(${String(value)})`;
}

function goOwnerReference(ref: OwnerReference): string {
  return (
    `v1.OwnerReference{APIVersion:${goQuote(ref.apiVersion)}, Kind:${goQuote(ref.kind)}, Name:${goQuote(ref.name)}, ` +
    `UID:${goQuote(ref.uid)}, Controller:${goOptionalBool(ref.controller)}, ` +
    `BlockOwnerDeletion:${goOptionalBool(ref.blockOwnerDeletion)}}`
  );
}

function validateOwnerReference(given: OwnerReference, path: string): FieldError[] {
  // Request bodies are untrusted: required strings may be missing.
  const partial = given as Partial<OwnerReference>;
  const ref: OwnerReference = {
    ...given,
    apiVersion: partial.apiVersion ?? '',
    kind: partial.kind ?? '',
    name: partial.name ?? '',
    uid: partial.uid ?? '',
  };
  const errors: FieldError[] = [];
  const gv = parseGroupVersion(ref.apiVersion) ?? { group: '', version: '' };
  if (gv.version === '') errors.push(invalid(`${path}.apiVersion`, ref.apiVersion, 'version must not be empty'));
  if (ref.kind === '') errors.push(invalid(`${path}.kind`, ref.kind, 'must not be empty'));
  if (ref.name === '') errors.push(invalid(`${path}.name`, ref.name, 'must not be empty'));
  if (ref.uid === '') errors.push(invalid(`${path}.uid`, ref.uid, 'must not be empty'));
  if (gv.group === '' && gv.version === 'v1' && ref.kind === 'Event') {
    // Events are banned owners: they are garbage-collected on their own schedule.
    const detail = `${gv.group}/${gv.version}, Kind=${ref.kind} is disallowed from being an owner`;
    errors.push(invalid(path, goLiteral(goOwnerReference(ref)), detail));
  }
  return errors;
}

/** Owner references: each well-formed, at most one controller. */
export function validateOwnerReferences(refs: readonly OwnerReference[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  let firstController = '';
  for (const ref of refs) {
    errors.push(...validateOwnerReference(ref, path));
    if (ref.controller !== true) continue;
    const current = `${ref.kind}/${ref.name}`;
    if (firstController === '') {
      firstController = current;
      continue;
    }
    const all = goLiteral(`[]v1.OwnerReference{${refs.map(goOwnerReference).join(', ')}}`);
    const detail = `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`;
    errors.push(invalid(path, all, detail));
  }
  return errors;
}

/** Finalizer names are qualified names; orphan and foregroundDeletion exclude each other. */
export function validateFinalizers(finalizers: readonly string[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const finalizer of finalizers) {
    for (const msg of isQualifiedName(finalizer)) errors.push(invalid(path, finalizer, msg));
  }
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errors.push(invalid(path, goStringSlice(finalizers), 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errors;
}

function validateKubeFinalizerName(finalizer: string, path: string): FieldError[] {
  if (finalizer.includes('/') || STANDARD_FINALIZERS.has(finalizer)) return [];
  return [invalid(path, finalizer, 'name is neither a standard finalizer name nor is it fully qualified')];
}

/** Validates metadata on update: resourceVersion present, identity fields unchanged. */
export function validateObjectMetaUpdate(
  next: ObjectMeta | undefined,
  prev: ObjectMeta | undefined,
  path = 'metadata',
): FieldError[] {
  const n = next ?? {};
  const o = prev ?? {};
  const errors: FieldError[] = [];
  const resourceVersion = n.resourceVersion ?? '';
  if (resourceVersion === '') {
    errors.push(invalid(`${path}.resourceVersion`, resourceVersion, 'must be specified for an update'));
  }
  if ((n.generation ?? 0) < (o.generation ?? 0)) {
    errors.push(invalid(`${path}.generation`, n.generation ?? 0, 'must not be decremented'));
  }
  for (const key of ['name', 'namespace', 'uid'] as const) {
    const value = n[key] ?? '';
    if (value !== (o[key] ?? '')) errors.push(invalid(`${path}.${key}`, value, fieldImmutableErrorMsg));
  }
  errors.push(...validateLabels(n.labels, `${path}.labels`));
  errors.push(...validateAnnotations(n.annotations, `${path}.annotations`));
  errors.push(...validateOwnerReferences(n.ownerReferences ?? [], `${path}.ownerReferences`));
  return errors;
}
