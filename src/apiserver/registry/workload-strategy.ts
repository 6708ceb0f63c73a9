/**
 * Deployments, ReplicaSets and Pods: their v1 defaults and upstream's validation (`api/validation/pod.ts`,
 * `workload.ts`). Status is written only through the status subresource.
 */
import type { Deployment, DeploymentStrategy, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.d.ts';
import type { FieldError } from '../../api/field-errors.ts';
import { withoutNulls } from '../../api/json.ts';
import { invalidStatus } from '../../api/status.ts';
import { validatePodCreate, validatePodStatusUpdate, validatePodUpdate } from '../../api/validation/pod.ts';
import { validateDeployment, validateReplicaSet } from '../../api/validation/workload.ts';
import { defaultPodSpec } from './pod-template-defaults.ts';
import { podGracePeriodSeconds } from './pod-graceful.ts';
import { type Admission, admitted, type KubeObject, type Strategy } from './strategy.ts';

/** How one workload kind defaults and validates its spec. */
interface WorkloadKind {
  readonly kind: string;
  readonly group: string;
  readonly tracksGeneration: boolean;
  defaults(object: KubeObject): KubeObject;
  /** Create validation, or update validation when `old` is given. */
  validate(object: KubeObject, old?: KubeObject): FieldError[];
  /** Validation of a status write (the stored object with the new status). */
  validateStatus?(object: KubeObject, old: KubeObject): FieldError[];
  /** Status a new object starts with. */
  initialStatus(): Record<string, unknown>;
}

const metaOf = (object: KubeObject): ObjectMeta => object.metadata ?? {};

function decide(kind: WorkloadKind, object: KubeObject, errors: FieldError[]): Admission {
  if (errors.length === 0) return admitted(object);
  return {
    ok: false,
    status: invalidStatus({ kind: kind.kind, group: kind.group }, metaOf(object).name ?? '', errors),
  };
}

function workloadStrategy(kind: WorkloadKind): Strategy {
  return {
    tracksGeneration: kind.tracksGeneration,
    // JSON null means unset: defaults and rules see bodies without them, as Go's decoder leaves them.
    admitCreate: (input) => {
      const object = { ...kind.defaults(withoutNulls(input)), status: kind.initialStatus() };
      return decide(kind, object, kind.validate(object));
    },
    admitUpdate: (input, old) => {
      const object = { ...kind.defaults(withoutNulls(input)), status: old['status'] };
      return decide(kind, object, kind.validate(object, old));
    },
    admitStatusUpdate: (input, old) => {
      const object = { ...old, status: withoutNulls(input['status']) ?? {} };
      return decide(kind, object, kind.validateStatus?.(object, old) ?? []);
    },
    afterDelete: () => undefined,
  };
}

function templateDefaults<T extends Deployment | ReplicaSet>(object: T): T['spec'] {
  const spec = object.spec;
  const template = spec?.template ?? {};
  // The selector is not defaulted: a missing one is refused by validation, as upstream does.
  return {
    replicas: 1,
    ...spec,
    template: { ...template, spec: defaultPodSpec(template.spec) },
  } as T['spec'];
}

/**
 * SetDefaults_Deployment's strategy: RollingUpdate when no type is given, 25% surge and unavailability for a rolling
 * update; any other type is kept as given (validation refuses unknown ones).
 */
function defaultDeploymentStrategy(strategy: DeploymentStrategy | undefined): DeploymentStrategy | undefined {
  if (strategy !== undefined && (typeof strategy !== 'object' || Array.isArray(strategy))) return strategy;
  const type = strategy?.type ?? 'RollingUpdate';
  if (type !== 'RollingUpdate' && type !== '') return strategy;
  const rollingUpdate = strategy?.rollingUpdate;
  if (rollingUpdate !== undefined && (typeof rollingUpdate !== 'object' || Array.isArray(rollingUpdate)))
    return strategy;
  return {
    ...strategy,
    type: 'RollingUpdate',
    rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%', ...rollingUpdate },
  };
}

/** apps/v1 Deployment. */
export const deploymentStrategy: Strategy = workloadStrategy({
  kind: 'Deployment',
  group: 'apps',
  tracksGeneration: true,
  defaults: (input) => {
    const deployment = input as Deployment;
    const spec = {
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      ...templateDefaults(deployment),
      strategy: defaultDeploymentStrategy(deployment.spec?.strategy),
    };
    return { ...input, spec };
  },
  validate: (object, old) => validateDeployment(object, old),
  initialStatus: () => ({}),
});

/** apps/v1 ReplicaSet. */
export const replicaSetStrategy: Strategy = workloadStrategy({
  kind: 'ReplicaSet',
  group: 'apps',
  tracksGeneration: true,
  defaults: (input) => ({ ...input, spec: templateDefaults(input as ReplicaSet) }),
  validate: (object, old) => validateReplicaSet(object, old),
  initialStatus: () => ({ replicas: 0 }),
});

/** A status write without a QoS class keeps the stored one (the class is fixed at creation). */
function withStoredQosClass(object: KubeObject, old: KubeObject): KubeObject {
  const status = object['status'];
  const stored = (old as Pod).status?.qosClass;
  if (stored === undefined || typeof status !== 'object' || status === null || 'qosClass' in status) return object;
  return { ...object, status: { ...status, qosClass: stored } };
}

const podKind: WorkloadKind = {
  kind: 'Pod',
  group: '',
  tracksGeneration: true,
  defaults: (input) => {
    const spec = defaultPodSpec((input as Pod).spec);
    // A spec that is not an object is left as it is, for validation to report.
    return typeof spec === 'object' ? { ...input, spec: { enableServiceLinks: true, ...spec } } : input;
  },
  validate: (object, old) => (old === undefined ? validatePodCreate(object) : validatePodUpdate(object, old)),
  validateStatus: (object, old) => validatePodStatusUpdate(object, old),
  initialStatus: () => ({ phase: 'Pending', qosClass: 'BestEffort' }),
};

/** core/v1 Pod: upstream's pod validation (including what an update may change) and graceful deletion. */
export const podStrategy: Strategy = (() => {
  const base = workloadStrategy(podKind);
  return {
    ...base,
    admitStatusUpdate: (input, old, context) => base.admitStatusUpdate(withStoredQosClass(input, old), old, context),
    gracePeriodSeconds: podGracePeriodSeconds,
  };
})();
