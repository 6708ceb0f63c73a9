/**
 * apps/v1 Deployments and ReplicaSets (upstream `pkg/apis/apps/validation`, v1.34): counts, a selector that matches
 * the template, the template validated as a pod template, the rollout strategy.
 */
import type { Deployment, DeploymentStrategy, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.d.ts';
import type { LabelSelector } from 'kubernetes-types/meta/v1.d.ts';
import { type FieldError, forbidden, goLiteral, goQuote, invalid, notSupported, required } from '../field-errors.ts';
import { isEverything, labelSelectorAsSelector, selectorMatches, validateLabelSelector } from '../labels/index.ts';
import { goStringMap, validateNonnegative } from './common.ts';
import { regexError } from './messages.ts';
import { nameIsDNSSubdomain } from './names.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.ts';
import { labelSelectorShape, podTemplateSpecShape } from './pod-shape.ts';
import { validatePodTemplateSpec } from './pod.ts';
import { checkShape, objectMetaShape, objectShape, type Shape } from './shape.ts';

const workloadSpecFields = {
  replicas: 'int32',
  minReadySeconds: 'int32',
  selector: labelSelectorShape,
  template: podTemplateSpecShape,
} as const;

/** The JSON shape of the fields a ReplicaSet's rules read. */
export const replicaSetShape: Shape = objectShape({ metadata: objectMetaShape, spec: objectShape(workloadSpecFields) });

/** The JSON shape of the fields a Deployment's rules read. */
export const deploymentShape: Shape = objectShape({
  metadata: objectMetaShape,
  spec: objectShape({
    ...workloadSpecFields,
    revisionHistoryLimit: 'int32',
    progressDeadlineSeconds: 'int32',
    paused: 'boolean',
    strategy: objectShape({
      type: 'string',
      rollingUpdate: objectShape({ maxUnavailable: 'intOrString', maxSurge: 'intOrString' }),
    }),
  }),
});

function validateTemplate(template: PodTemplateSpec | undefined, selector: LabelSelector, kind: string): FieldError[] {
  const path = 'spec.template';
  if (template === undefined) return [required(path)];
  const parsed = labelSelectorAsSelector(selector);
  if (!parsed.ok) return [invalid('spec.selector', goLiteral('&v1.LabelSelector{}'), 'invalid label selector')];
  const errors: FieldError[] = [];
  const labels = template.metadata?.labels ?? {};
  if (!isEverything(parsed.selector) && !selectorMatches(parsed.selector, labels)) {
    errors.push(invalid(`${path}.metadata.labels`, goStringMap(labels), '`selector` does not match template `labels`'));
  }
  errors.push(...validatePodTemplateSpec(template, path));
  const restartPolicy = template.spec?.restartPolicy ?? '';
  if (restartPolicy !== 'Always') errors.push(notSupported(`${path}.spec.restartPolicy`, restartPolicy, ['Always']));
  if (template.spec?.activeDeadlineSeconds !== undefined) {
    errors.push(forbidden(`${path}.spec.activeDeadlineSeconds`, `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return errors;
}

/** Selector and template, shared by both kinds (upstream reports both empty selectors as "deployment"). */
function validateSelectorAndTemplate(spec: Deployment['spec'] | ReplicaSet['spec']): FieldError[] {
  const errors: FieldError[] = [];
  const selector = spec?.selector;
  if (selector === undefined) return [...errors, required('spec.selector')];
  errors.push(...validateLabelSelector(selector, 'spec.selector'));
  if (Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0) {
    errors.push(invalid('spec.selector', goLiteral('&v1.LabelSelector{}'), 'empty selector is invalid for deployment'));
  }
  errors.push(...validateTemplate(spec?.template, selector, 'ReplicaSet'));
  return errors;
}

const PERCENT = /^[0-9]+%$/;

function intOrPercentValue(value: number | string | undefined): number {
  if (typeof value === 'number') return value;
  return value !== undefined && PERCENT.test(value) ? Number(value.slice(0, -1)) : 0;
}

function validatePositiveIntOrPercent(value: number | string | undefined, path: string): FieldError[] {
  if (typeof value === 'string') {
    if (PERCENT.test(value)) return [];
    const message = "a valid percent string must be a numeric string followed by an ending '%'";
    return [invalid(path, goLiteral(value), regexError(message, '[0-9]+%', '1%', '93%'))];
  }
  return validateNonnegative(value ?? 0, path);
}

function goStrategy(strategy: DeploymentStrategy): string {
  const rolling =
    strategy.rollingUpdate === undefined
      ? '(*apps.RollingUpdateDeployment)(nil)'
      : '(*apps.RollingUpdateDeployment)(0x0)';
  return `apps.DeploymentStrategy{Type:${goQuote(strategy.type ?? '')}, RollingUpdate:${rolling}}`;
}

function validateStrategy(strategy: DeploymentStrategy): FieldError[] {
  const path = 'spec.strategy';
  const type = strategy.type ?? '';
  if (type === 'Recreate') {
    return strategy.rollingUpdate === undefined
      ? []
      : [forbidden(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")];
  }
  if (type !== 'RollingUpdate')
    return [notSupported(path, goLiteral(goStrategy(strategy)), ['Recreate', 'RollingUpdate'])];
  const rolling = strategy.rollingUpdate;
  if (rolling === undefined) return [required(`${path}.rollingUpdate`, 'this should be defaulted and never be nil')];
  const unavailable = rolling.maxUnavailable;
  const surge = rolling.maxSurge;
  const errors = [
    ...validatePositiveIntOrPercent(unavailable, `${path}.rollingUpdate.maxUnavailable`),
    ...validatePositiveIntOrPercent(surge, `${path}.rollingUpdate.maxSurge`),
  ];
  if (intOrPercentValue(unavailable) === 0 && intOrPercentValue(surge) === 0) {
    const shown = typeof unavailable === 'string' ? goLiteral(unavailable) : (unavailable ?? 0);
    errors.push(invalid(`${path}.rollingUpdate.maxUnavailable`, shown, 'may not be 0 when `maxSurge` is 0'));
  }
  if (typeof unavailable === 'string' && PERCENT.test(unavailable) && intOrPercentValue(unavailable) > 100) {
    errors.push(
      invalid(`${path}.rollingUpdate.maxUnavailable`, goLiteral(unavailable), 'must not be greater than 100%'),
    );
  }
  return errors;
}

function validateDeploymentSpec(deployment: Deployment): FieldError[] {
  const spec = deployment.spec;
  const errors = [...validateNonnegative(spec?.replicas ?? 0, 'spec.replicas'), ...validateSelectorAndTemplate(spec)];
  errors.push(...validateStrategy(spec?.strategy ?? {}));
  const minReady = spec?.minReadySeconds ?? 0;
  errors.push(...validateNonnegative(minReady, 'spec.minReadySeconds'));
  if (spec?.revisionHistoryLimit !== undefined) {
    errors.push(...validateNonnegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  }
  const deadline = spec?.progressDeadlineSeconds;
  if (deadline !== undefined) {
    errors.push(...validateNonnegative(deadline, 'spec.progressDeadlineSeconds'));
    if (deadline <= minReady) {
      errors.push(invalid('spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds'));
    }
  }
  return errors;
}

function validateReplicaSetSpec(replicaSet: ReplicaSet): FieldError[] {
  const spec = replicaSet.spec;
  return [
    ...validateNonnegative(spec?.replicas ?? 0, 'spec.replicas'),
    ...validateNonnegative(spec?.minReadySeconds ?? 0, 'spec.minReadySeconds'),
    ...validateSelectorAndTemplate(spec),
  ];
}

/** ValidateDeployment (create) or ValidateDeploymentUpdate (when `old` is given), on a defaulted Deployment. */
export function validateDeployment(object: unknown, old?: unknown): FieldError[] {
  const shapeErrors = checkShape(object, deploymentShape);
  if (shapeErrors.length > 0) return shapeErrors;
  const deployment = (object ?? {}) as Deployment;
  const meta =
    old === undefined
      ? validateObjectMeta(deployment.metadata, true, nameIsDNSSubdomain)
      : validateObjectMetaUpdate(deployment.metadata, (old as Deployment | undefined)?.metadata);
  return [...meta, ...validateDeploymentSpec(deployment)];
}

/** ValidateReplicaSet (create) or ValidateReplicaSetUpdate (when `old` is given), on a defaulted ReplicaSet. */
export function validateReplicaSet(object: unknown, old?: unknown): FieldError[] {
  const shapeErrors = checkShape(object, replicaSetShape);
  if (shapeErrors.length > 0) return shapeErrors;
  const replicaSet = (object ?? {}) as ReplicaSet;
  const meta =
    old === undefined
      ? validateObjectMeta(replicaSet.metadata, true, nameIsDNSSubdomain)
      : validateObjectMetaUpdate(replicaSet.metadata, (old as ReplicaSet | undefined)?.metadata);
  return [...meta, ...validateReplicaSetSpec(replicaSet)];
}
