/**
 * The defaults and validation of each kind the generic strategy serves (every kind without allocation or a
 * lifecycle of its own): Endpoints, EndpointSlices, Events, Leases, Namespaces, Nodes. Pods, Deployments,
 * ReplicaSets and Services have their own strategies.
 */
import type { FieldError } from '../../api/field-errors.ts';
import { defaultEndpoints, validateEndpoints, validateEndpointsUpdate } from '../../api/validation/endpoints.ts';
import {
  defaultEndpointSlice,
  validateEndpointSlice,
  validateEndpointSliceUpdate,
} from '../../api/validation/endpointslice.ts';
import { validateEvent } from '../../api/validation/event.ts';
import { validateLease } from '../../api/validation/lease.ts';
import {
  validateNamespace,
  validateNamespaceStatusUpdate,
  validateNamespaceUpdate,
} from '../../api/validation/namespace.ts';
import { validateNode, validateNodeUpdate } from '../../api/validation/node.ts';
import type { KubeObject } from './strategy.ts';

/** One kind's rules: optional defaults, then validation of a create, an update and a status write. */
export interface KindRules {
  readonly defaults?: (object: KubeObject) => KubeObject;
  readonly validateCreate: (object: KubeObject) => FieldError[];
  readonly validateUpdate: (object: KubeObject, old: KubeObject) => FieldError[];
  readonly validateStatusUpdate?: (object: KubeObject, old: KubeObject) => FieldError[];
}

const rulesByKind: Readonly<Record<string, KindRules>> = {
  'discovery.k8s.io/EndpointSlice': {
    defaults: defaultEndpointSlice,
    validateCreate: validateEndpointSlice,
    validateUpdate: validateEndpointSliceUpdate,
  },
  '/Endpoints': {
    defaults: defaultEndpoints,
    validateCreate: validateEndpoints,
    validateUpdate: validateEndpointsUpdate,
  },
  '/Event': { validateCreate: (o) => validateEvent(o), validateUpdate: (o, old) => validateEvent(o, old) },
  'coordination.k8s.io/Lease': {
    validateCreate: (o) => validateLease(o),
    validateUpdate: (o, old) => validateLease(o, old),
  },
  '/Namespace': {
    validateCreate: validateNamespace,
    validateUpdate: validateNamespaceUpdate,
    validateStatusUpdate: validateNamespaceStatusUpdate,
  },
  '/Node': {
    validateCreate: validateNode,
    validateUpdate: validateNodeUpdate,
    validateStatusUpdate: validateNodeUpdate,
  },
};

/** The rules of `group`/`kind`, when the generic strategy has any beyond ObjectMeta. */
export function kindRules(group: string, kind: string): KindRules | undefined {
  return rulesByKind[`${group}/${kind}`];
}
