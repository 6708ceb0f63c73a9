/**
 * Deployments, ReplicaSets and Pods: their v1 defaults and the validation users meet first (names, a selector that
 * matches the template, containers with images). Status is written only through the status subresource.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.d.ts';
import { type FieldError, forbidden, invalid } from '../../api/field-errors.ts';
import { invalidStatus } from '../../api/status.ts';
import { nameIsDNSSubdomain } from '../../api/validation/names.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../api/validation/object-meta.ts';
import { defaultPodSpec } from './pod-template-defaults.ts';
import { podGracePeriodSeconds } from './pod-graceful.ts';
import { type Admission, admitted, type KubeObject, type Strategy } from './strategy.ts';
import { validateContainers, validateSelectorAndTemplate } from './workload-validation.ts';

/** How one workload kind defaults and validates its spec. */
interface WorkloadKind {
  readonly kind: string;
  readonly group: string;
  readonly tracksGeneration: boolean;
  defaults(object: KubeObject): KubeObject;
  validateSpec(object: KubeObject): FieldError[];
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
    admitCreate: (input) => {
      const object = { ...kind.defaults(input), status: kind.initialStatus() };
      const errors = [...validateObjectMeta(metaOf(object), true, nameIsDNSSubdomain), ...kind.validateSpec(object)];
      return decide(kind, object, errors);
    },
    admitUpdate: (input, old) => {
      const object = { ...kind.defaults(input), status: old['status'] };
      const errors = [...validateObjectMetaUpdate(metaOf(object), metaOf(old)), ...kind.validateSpec(object)];
      return decide(kind, object, errors);
    },
    admitStatusUpdate: (input, old) => admitted({ ...old, status: input['status'] ?? {} }),
    afterDelete: () => undefined,
  };
}

function templateDefaults<T extends Deployment | ReplicaSet>(object: T): T['spec'] {
  const spec = object.spec;
  const template = spec?.template ?? {};
  return {
    replicas: 1,
    ...spec,
    selector: spec?.selector ?? {},
    template: { ...template, spec: defaultPodSpec(template.spec) },
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
      strategy:
        deployment.spec?.strategy?.type === 'Recreate'
          ? deployment.spec.strategy
          : {
              type: 'RollingUpdate',
              rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%', ...deployment.spec?.strategy?.rollingUpdate },
            },
    };
    return { ...input, spec };
  },
  validateSpec: (object) => {
    const spec = (object as Deployment).spec;
    return [
      ...validateSelectorAndTemplate(spec?.selector, spec?.template, 'deployment'),
      ...validateContainers(spec?.template),
    ];
  },
  initialStatus: () => ({}),
});

/** apps/v1 ReplicaSet. */
export const replicaSetStrategy: Strategy = workloadStrategy({
  kind: 'ReplicaSet',
  group: 'apps',
  tracksGeneration: true,
  defaults: (input) => ({ ...input, spec: templateDefaults(input as ReplicaSet) }),
  validateSpec: (object) => {
    const spec = (object as ReplicaSet).spec;
    return [
      ...validateSelectorAndTemplate(spec?.selector, spec?.template, 'replicaset'),
      ...validateContainers(spec?.template),
    ];
  },
  initialStatus: () => ({ replicas: 0 }),
});

/**
 * Binding: `spec.nodeName` may go from unset to set, once — what upstream's `pods/binding` subresource allows a
 * scheduler. Moving a bound pod to another node stays forbidden.
 */
function withoutFirstBinding(pod: Pod, old: Pod): Pod {
  if ((old.spec?.nodeName ?? '') !== '' || pod.spec === undefined) return pod;
  const spec = { ...pod.spec };
  delete spec.nodeName;
  return { ...pod, spec };
}

/** Pod updates may change only images and a few scheduling fields (upstream's rule, simplified to the spec). */
function podSpecChangeErrors(object: KubeObject, old: KubeObject): FieldError[] {
  const strip = (pod: Pod): unknown => ({
    ...pod.spec,
    containers: pod.spec?.containers.map((c) => ({ ...c, image: '' })),
  });
  const updated = withoutFirstBinding(object as Pod, old as Pod);
  if (JSON.stringify(strip(updated)) === JSON.stringify(strip(old as Pod))) return [];
  return [
    forbidden(
      'spec',
      'pod updates may not change fields other than `spec.containers[*].image`, `spec.initContainers[*].image`, `spec.activeDeadlineSeconds`, `spec.tolerations` (only additions to existing tolerations), `spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    ),
  ];
}

const podKind: WorkloadKind = {
  kind: 'Pod',
  group: '',
  tracksGeneration: true,
  defaults: (input) => ({ ...input, spec: { enableServiceLinks: true, ...defaultPodSpec((input as Pod).spec) } }),
  validateSpec: (object) => {
    const spec = (object as Pod).spec;
    const errors = validateContainers(spec === undefined ? {} : { spec }, 'spec');
    const grace = (object as Pod).spec?.terminationGracePeriodSeconds;
    if (grace !== undefined && grace < 0)
      errors.push(invalid('spec.terminationGracePeriodSeconds', grace, 'must be greater than or equal to 0'));
    return errors;
  },
  initialStatus: () => ({ phase: 'Pending', qosClass: 'BestEffort' }),
};

/** core/v1 Pod: the generic workload rules plus upstream's limits on what an update may change. */
export const podStrategy: Strategy = (() => {
  const base = workloadStrategy(podKind);
  return {
    ...base,
    admitUpdate: (input, old, context) => {
      const errors = podSpecChangeErrors(podKind.defaults(input), old);
      if (errors.length > 0) return decide(podKind, input, errors);
      return base.admitUpdate(input, old, context);
    },
    gracePeriodSeconds: podGracePeriodSeconds,
  };
})();
