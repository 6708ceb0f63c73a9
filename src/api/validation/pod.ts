/**
 * core/v1 Pods: create, update and status-update validation (upstream `ValidatePodCreate`, `ValidatePodUpdate`,
 * `ValidatePodStatusUpdate`, v1.34), and pod templates (`ValidatePodTemplateSpec`).
 */
import type { Container, Pod, PodSpec, PodTemplateSpec, Toleration } from 'kubernetes-types/core/v1.d.ts';
import { type FieldError, forbidden, invalid, required } from '../field-errors.ts';
import { validateLabels } from '../labels/validate.ts';
import { goNull, jsonEqual, validateImmutable, validateQualifiedName } from './common.ts';
import { inclusiveRangeError } from './messages.ts';
import { nameIsDNSSubdomain } from './names.ts';
import { validateAnnotations, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.ts';
import { podShape, podTemplateSpecShape } from './pod-shape.ts';
import { validatePodIPs } from './pod-status.ts';
import { validatePodSpec } from './pod-spec.ts';
import { checkShape } from './shape.ts';
import { validateTolerations } from './taints.ts';

const INT32_MAX = 2147483647;

/** The fields a pod update may change, as upstream lists them in its error. */
export const UPDATABLE_POD_SPEC_FIELDS =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function specOf(pod: Pod): PodSpec {
  return pod.spec ?? { containers: [] };
}

function containersOf(list: readonly Container[] | undefined): readonly Container[] {
  return list ?? [];
}

/** Only for pods, not templates: images without surrounding whitespace. */
function validateImagesTrimmed(containers: readonly Container[], path: string): FieldError[] {
  return containers.flatMap((container, i) => {
    const image = container.image ?? '';
    return image.trim() === image
      ? []
      : [invalid(`${path}[${String(i)}].image`, image, 'must not have leading or trailing whitespace')];
  });
}

function validatePodMetadataAndSpec(pod: Pod): FieldError[] {
  const spec = specOf(pod);
  return [
    ...validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain),
    ...validatePodSpec(spec, 'spec'),
    ...validateImagesTrimmed(containersOf(spec.containers), 'spec.containers'),
    ...validateImagesTrimmed(containersOf(spec.initContainers), 'spec.initContainers'),
  ];
}

/**
 * ValidatePodCreate for a defaulted pod; hostile JSON gets type errors, never an exception.
 * @example validatePodCreate({ metadata: { name: 'p', namespace: 'd' }, spec: { containers: [] } })
 */
export function validatePodCreate(object: unknown): FieldError[] {
  const shapeErrors = checkShape(object, podShape);
  if (shapeErrors.length > 0) return shapeErrors;
  const pod = (object ?? {}) as Pod;
  const spec = specOf(pod);
  const errors = validatePodMetadataAndSpec(pod);
  if ((spec.ephemeralContainers ?? []).length > 0)
    errors.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if ((spec.nodeName ?? '') !== '' && (spec.schedulingGates ?? []).length > 0) {
    errors.push(forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errors;
}

function validateContainerUpdates(
  next: readonly Container[],
  prev: readonly Container[],
  path: string,
): FieldError[] | 'stop' {
  if (next.length !== prev.length) return 'stop';
  return next.flatMap((container, i) => {
    const image = container.image ?? '';
    if (image === '') return [required(`${path}[${String(i)}].image`)];
    return image.trim() === image
      ? []
      : [invalid(`${path}[${String(i)}].image`, image, 'must not have leading or trailing whitespace')];
  });
}

function validateActiveDeadlineUpdate(next: number | undefined, prev: number | undefined): FieldError[] {
  const path = 'spec.activeDeadlineSeconds';
  if (next === undefined) {
    return prev === undefined ? [] : [invalid(path, goNull, 'must not update from a positive integer to nil value')];
  }
  if (next < 0 || next > INT32_MAX) return [invalid(path, next, inclusiveRangeError(0, INT32_MAX))];
  if (prev !== undefined && prev < next) return [invalid(path, next, 'must be less than or equal to previous value')];
  return [];
}

function validateOnlyAddedTolerations(next: readonly Toleration[], prev: readonly Toleration[]): FieldError[] {
  const path = 'spec.tolerations';
  for (const old of prev) {
    const kept = next.some((toleration) =>
      jsonEqual({ ...old, tolerationSeconds: toleration.tolerationSeconds }, toleration),
    );
    if (!kept) return [forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(next, path);
}

/** The new spec with every field an update may change set back to the old value. */
function mungedSpec(next: PodSpec, prev: PodSpec): PodSpec {
  const withOldImage = (list: readonly Container[], old: readonly Container[]): Container[] =>
    list.map((container, i) => ({ ...container, image: old[i]?.image ?? '' }));
  const munged: PodSpec = {
    ...next,
    containers: withOldImage(containersOf(next.containers), containersOf(prev.containers)),
  };
  if (next.initContainers !== undefined) {
    munged.initContainers = withOldImage(next.initContainers, containersOf(prev.initContainers));
  }
  // JSON equality below treats an undefined field as unset, so restoring an unset field is assigning undefined.
  const restored = munged as unknown as Record<string, unknown>;
  const old = prev as unknown as Record<string, unknown>;
  const mutable = ['activeDeadlineSeconds', 'tolerations', 'schedulingGates'];
  // A binding: nodeName may go from unset to set once (what `pods/binding` allows a scheduler).
  if ((prev.nodeName ?? '') === '') mutable.push('nodeName');
  for (const key of mutable) restored[key] = old[key];
  const oldGrace = prev.terminationGracePeriodSeconds;
  if (oldGrace !== undefined && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = oldGrace;
  }
  return munged;
}

/** ValidatePodUpdate: metadata rules, the whole pod, and a spec that changes only where upstream allows. */
export function validatePodUpdate(object: unknown, old: unknown): FieldError[] {
  const shapeErrors = checkShape(object, podShape);
  if (shapeErrors.length > 0) return shapeErrors;
  const pod = (object ?? {}) as Pod;
  const previous = (old ?? {}) as Pod;
  const next = specOf(pod);
  const prev = specOf(previous);
  const errors = [...validateObjectMetaUpdate(pod.metadata, previous.metadata), ...validatePodMetadataAndSpec(pod)];
  for (const key of ['containers', 'initContainers'] as const) {
    const result = validateContainerUpdates(containersOf(next[key]), containersOf(prev[key]), `spec.${key}`);
    if (result === 'stop') return [...errors, forbidden(`spec.${key}`, 'pod updates may not add or remove containers')];
    errors.push(...result);
  }
  const deadlineErrors = validateActiveDeadlineUpdate(next.activeDeadlineSeconds, prev.activeDeadlineSeconds);
  if (deadlineErrors.length > 0) return [...errors, ...deadlineErrors];
  errors.push(...validateOnlyAddedTolerations(next.tolerations ?? [], prev.tolerations ?? []));
  const oldGates = new Set((prev.schedulingGates ?? []).map((gate) => gate.name));
  (next.schedulingGates ?? []).forEach((gate, i) => {
    if (!oldGates.has(gate.name)) {
      const detail = `only deletion is allowed, but found new scheduling gate '${gate.name}'`;
      errors.push(forbidden(`spec.schedulingGates[${String(i)}].name`, detail));
    }
  });
  if (!jsonEqual(mungedSpec(next, prev), prev)) errors.push(forbidden('spec', UPDATABLE_POD_SPEC_FIELDS));
  return errors;
}

const SYSTEM_CONDITIONS = new Set(['PodScheduled', 'Ready', 'Initialized']);

/**
 * ValidatePodStatusUpdate: metadata rules, custom condition types, the nominated node, an unchanged QoS class and
 * valid pod and host IPs. `object` carries the stored spec (a status write never changes it).
 */
export function validatePodStatusUpdate(object: unknown, old: unknown): FieldError[] {
  const shapeErrors = checkShape(object, podShape);
  if (shapeErrors.length > 0) return shapeErrors;
  const pod = (object ?? {}) as Pod;
  const previous = (old ?? {}) as Pod;
  const errors = validateObjectMetaUpdate(pod.metadata, previous.metadata);
  (pod.status?.conditions ?? []).forEach((condition, i) => {
    const type = (condition.type as string | undefined) ?? '';
    // Upstream reports these under metadata, a quirk kept for identical messages.
    if (!SYSTEM_CONDITIONS.has(type))
      errors.push(...validateQualifiedName(type, `metadata.conditions[${String(i)}].Type`));
  });
  if ((pod.spec?.nodeName ?? '') !== (previous.spec?.nodeName ?? '')) {
    errors.push(forbidden('status.nodeName', 'may not be changed directly'));
  }
  const nominated = pod.status?.nominatedNodeName ?? '';
  if (nominated !== '' && nominated !== (previous.status?.nominatedNodeName ?? '')) {
    errors.push(
      ...nameIsDNSSubdomain(nominated, false).map((msg) => invalid('status.nominatedNodeName', nominated, msg)),
    );
  }
  const qosClass = pod.status?.qosClass ?? '';
  errors.push(...validateImmutable(qosClass, previous.status?.qosClass ?? '', 'status.qosClass', qosClass));
  errors.push(...validatePodIPs(pod.status ?? {}));
  return errors;
}

/** ValidatePodTemplateSpec at `path` (`spec.template`), for Deployments and ReplicaSets. */
export function validatePodTemplateSpec(template: PodTemplateSpec | undefined, path: string): FieldError[] {
  const shapeErrors = checkShape(template, podTemplateSpecShape, path);
  if (shapeErrors.length > 0) return shapeErrors;
  const spec = template?.spec ?? { containers: [] };
  const errors = [
    ...validateLabels(template?.metadata?.labels, `${path}.labels`),
    ...validateAnnotations(template?.metadata?.annotations, `${path}.annotations`),
    ...validatePodSpec(spec, `${path}.spec`),
  ];
  if ((spec.ephemeralContainers ?? []).length > 0) {
    errors.push(forbidden(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  }
  return errors;
}
