/** core/v1 Namespaces (upstream `ValidateNamespace`, `ValidateNamespaceUpdate`, `ValidateNamespaceStatusUpdate`). */
import type { Namespace } from 'kubernetes-types/core/v1.d.ts';
import { type FieldError, invalid } from '../field-errors.ts';
import { validateQualifiedName } from './common.ts';
import { nameIsDNSLabel } from './names.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.ts';
import { arrayOf, checkShape, objectMetaShape, objectShape, type Shape } from './shape.ts';

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** The JSON shape of the fields a Namespace's rules read. */
export const namespaceShape: Shape = objectShape({
  metadata: objectMetaShape,
  spec: objectShape({ finalizers: arrayOf('string') }),
  status: objectShape({ phase: 'string' }),
});

/** validateFinalizerName: a qualified name, and a standard one unless it has a domain. */
function validateFinalizerName(name: string, path: string): FieldError[] {
  const errors = validateQualifiedName(name, path);
  if (!name.includes('/') && !STANDARD_FINALIZERS.has(name)) {
    errors.push(invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errors;
}

/** ValidateNamespace: metadata (a DNS label name, no namespace) and the spec's finalizers. */
export function validateNamespace(object: unknown): FieldError[] {
  const shapeErrors = checkShape(object, namespaceShape);
  if (shapeErrors.length > 0) return shapeErrors;
  const namespace = (object ?? {}) as Namespace;
  return [
    ...validateObjectMeta(namespace.metadata, false, nameIsDNSLabel),
    ...(namespace.spec?.finalizers ?? []).flatMap((name) => validateFinalizerName(name, 'spec.finalizers')),
  ];
}

/** ValidateNamespaceUpdate: the metadata rules. */
export function validateNamespaceUpdate(object: unknown, old: unknown): FieldError[] {
  const shapeErrors = checkShape(object, namespaceShape);
  if (shapeErrors.length > 0) return shapeErrors;
  return validateObjectMetaUpdate((object as Namespace | null)?.metadata, (old as Namespace | null)?.metadata);
}

/** ValidateNamespaceStatusUpdate: the phase follows the deletion timestamp. */
export function validateNamespaceStatusUpdate(object: unknown, old: unknown): FieldError[] {
  const errors = validateNamespaceUpdate(object, old);
  if (errors.length > 0) return errors;
  const namespace = (object ?? {}) as Namespace;
  const phase = namespace.status?.phase ?? '';
  if ((namespace.metadata?.deletionTimestamp ?? '') === '') {
    if (phase !== 'Active')
      errors.push(invalid('status.Phase', phase, "may only be 'Active' if `deletionTimestamp` is empty"));
  } else if (phase !== 'Terminating') {
    errors.push(invalid('status.Phase', phase, "may only be 'Terminating' if `deletionTimestamp` is not empty"));
  }
  return errors;
}
