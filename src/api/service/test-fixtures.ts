/** Services for tests: a valid, fully defaulted object to change one field at a time. */
import type { ObjectMeta } from 'kubernetes-types/meta/v1.d.ts';
import type { Service, ServiceSpec } from 'kubernetes-types/core/v1.d.ts';
import { fieldErrorString } from '../field-errors.ts';
import { validateService } from './validation.ts';

/** A valid ClusterIP Service as it is stored after create: defaulted, with its IP allocated. */
export function clusterIPService(spec: Partial<ServiceSpec> = {}, metadata: Partial<ObjectMeta> = {}): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', ...metadata },
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }],
      selector: { app: 'web' },
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ...spec,
    },
  };
}

/** A valid NodePort Service with nodePort 30080. */
export function nodePortService(spec: Partial<ServiceSpec> = {}, metadata: Partial<ObjectMeta> = {}): Service {
  return clusterIPService(
    {
      type: 'NodePort',
      externalTrafficPolicy: 'Cluster',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 8080, nodePort: 30080 }],
      ...spec,
    },
    metadata,
  );
}

/** A valid LoadBalancer Service. */
export function loadBalancerService(spec: Partial<ServiceSpec> = {}, metadata: Partial<ObjectMeta> = {}): Service {
  return nodePortService({ type: 'LoadBalancer', allocateLoadBalancerNodePorts: true, ...spec }, metadata);
}

/** validateService as the lines Go's `err.Error()` would print. */
export function validationLines(svc: Service): string[] {
  return validateService(svc).map(fieldErrorString);
}
