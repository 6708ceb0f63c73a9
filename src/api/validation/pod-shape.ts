/** The JSON shapes of the Pod fields pod validation reads (a PodSpec, a Pod, a PodTemplateSpec). */
import { arrayOf, labelSelectorShape, mapOf, objectMetaShape, objectShape, type Shape } from './shape.ts';

const execShape = objectShape({ command: arrayOf('string') });
const httpGetShape = objectShape({
  path: 'string',
  port: 'intOrString',
  host: 'string',
  scheme: 'string',
  httpHeaders: arrayOf(objectShape({ name: 'string', value: 'string' })),
});
const tcpSocketShape = objectShape({ port: 'intOrString', host: 'string' });

const probeShape = objectShape({
  exec: execShape,
  httpGet: httpGetShape,
  tcpSocket: tcpSocketShape,
  grpc: objectShape({ port: 'int32', service: 'string' }),
  initialDelaySeconds: 'int32',
  timeoutSeconds: 'int32',
  periodSeconds: 'int32',
  successThreshold: 'int32',
  failureThreshold: 'int32',
  terminationGracePeriodSeconds: 'int64',
});

const lifecycleHandlerShape = objectShape({
  exec: execShape,
  httpGet: httpGetShape,
  tcpSocket: tcpSocketShape,
  sleep: objectShape({ seconds: 'int64' }),
});

const keyRefShape = objectShape({ name: 'string', key: 'string', optional: 'boolean' });

/** A container (regular or init). */
export const containerShape: Shape = objectShape({
  name: 'string',
  image: 'string',
  command: arrayOf('string'),
  args: arrayOf('string'),
  workingDir: 'string',
  ports: arrayOf(
    objectShape({ name: 'string', containerPort: 'int32', hostPort: 'int32', protocol: 'string', hostIP: 'string' }),
  ),
  env: arrayOf(
    objectShape({
      name: 'string',
      value: 'string',
      valueFrom: objectShape({
        fieldRef: objectShape({ apiVersion: 'string', fieldPath: 'string' }),
        resourceFieldRef: objectShape({ containerName: 'string', resource: 'string', divisor: 'quantity' }),
        configMapKeyRef: keyRefShape,
        secretKeyRef: keyRefShape,
      }),
    }),
  ),
  envFrom: arrayOf(
    objectShape({
      prefix: 'string',
      configMapRef: objectShape({ name: 'string' }),
      secretRef: objectShape({ name: 'string' }),
    }),
  ),
  resources: objectShape({ limits: mapOf('quantity'), requests: mapOf('quantity') }),
  livenessProbe: probeShape,
  readinessProbe: probeShape,
  startupProbe: probeShape,
  lifecycle: objectShape({ postStart: lifecycleHandlerShape, preStop: lifecycleHandlerShape }),
  terminationMessagePath: 'string',
  terminationMessagePolicy: 'string',
  imagePullPolicy: 'string',
  restartPolicy: 'string',
  volumeMounts: arrayOf(objectShape({ name: 'string', mountPath: 'string', subPath: 'string', readOnly: 'boolean' })),
  stdin: 'boolean',
  tty: 'boolean',
});

const tolerationShape = objectShape({
  key: 'string',
  operator: 'string',
  value: 'string',
  effect: 'string',
  tolerationSeconds: 'int64',
});

/** A PodSpec. */
export const podSpecShape: Shape = objectShape({
  containers: arrayOf(containerShape),
  initContainers: arrayOf(containerShape),
  ephemeralContainers: arrayOf('any'),
  volumes: arrayOf(objectShape({ name: 'string' })),
  restartPolicy: 'string',
  terminationGracePeriodSeconds: 'int64',
  activeDeadlineSeconds: 'int64',
  dnsPolicy: 'string',
  nodeSelector: mapOf('string'),
  serviceAccountName: 'string',
  serviceAccount: 'string',
  nodeName: 'string',
  hostNetwork: 'boolean',
  hostPID: 'boolean',
  hostIPC: 'boolean',
  hostname: 'string',
  subdomain: 'string',
  schedulerName: 'string',
  tolerations: arrayOf(tolerationShape),
  hostAliases: arrayOf(objectShape({ ip: 'string', hostnames: arrayOf('string') })),
  priorityClassName: 'string',
  priority: 'int32',
  dnsConfig: objectShape({
    nameservers: arrayOf('string'),
    searches: arrayOf('string'),
    options: arrayOf(objectShape({ name: 'string', value: 'string' })),
  }),
  readinessGates: arrayOf(objectShape({ conditionType: 'string' })),
  schedulingGates: arrayOf(objectShape({ name: 'string' })),
  enableServiceLinks: 'boolean',
  securityContext: objectShape({ runAsUser: 'int64', runAsGroup: 'int64', fsGroup: 'int64', runAsNonRoot: 'boolean' }),
  affinity: 'any',
});

const podIPShape = arrayOf(objectShape({ ip: 'string' }));

/** A Pod's status, as the node agent and controllers write it. */
export const podStatusShape: Shape = objectShape({
  phase: 'string',
  conditions: arrayOf(objectShape({ type: 'string', status: 'string', reason: 'string', message: 'string' })),
  podIP: 'string',
  podIPs: podIPShape,
  hostIP: 'string',
  hostIPs: podIPShape,
  nominatedNodeName: 'string',
  qosClass: 'string',
  containerStatuses: arrayOf('any'),
  initContainerStatuses: arrayOf('any'),
});

/** A Pod. */
export const podShape: Shape = objectShape({ metadata: objectMetaShape, spec: podSpecShape, status: podStatusShape });

/** A pod template (in Deployments and ReplicaSets). */
export const podTemplateSpecShape: Shape = objectShape({ metadata: objectMetaShape, spec: podSpecShape });

/** Re-exported for the workload shapes. */
export { labelSelectorShape };
