/**
 * Test data: representative objects of the registered kinds, in the form the decoder produces (the
 * JSON kube-apiserver prints): non-pointer structs present (`{}` at least), zero scalars only where
 * the Go field keeps them.
 */
const metadata = {
  name: 'web',
  namespace: 'default',
  uid: '0b5e3f0c-9f0e-4c1e-8d57-3d7c1f1f2a11',
  resourceVersion: '42',
  generation: 3,
  creationTimestamp: '2024-05-06T12:53:20Z',
  labels: { app: 'web', tier: 'frontend' },
  annotations: { 'deployment.kubernetes.io/revision': '1' },
  ownerReferences: [
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      name: 'web-5d8c',
      uid: 'u-1',
      controller: true,
      blockOwnerDeletion: true,
    },
  ],
  finalizers: ['example.com/keep'],
  managedFields: [
    {
      manager: 'kubectl-create',
      operation: 'Update',
      apiVersion: 'apps/v1',
      time: '2024-05-06T12:53:20Z',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } },
    },
  ],
};

const container = {
  name: 'web',
  image: 'nginx:1.25',
  command: ['nginx'],
  args: ['-g', 'daemon off;'],
  workingDir: '/srv',
  ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
  env: [
    { name: 'PLAIN', value: 'x' },
    { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
    { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode', optional: false } } },
    { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
  ],
  envFrom: [{ prefix: 'S_', secretRef: { name: 'creds' } }],
  resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '100m' } },
  volumeMounts: [{ name: 'data', mountPath: '/data', readOnly: true }],
  livenessProbe: {
    httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' },
    periodSeconds: 10,
    failureThreshold: 3,
  },
  readinessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 1, terminationGracePeriodSeconds: 0 },
  startupProbe: { exec: { command: ['true'] } },
  lifecycle: { preStop: { sleep: { seconds: 5 } } },
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
  imagePullPolicy: 'IfNotPresent',
  securityContext: { runAsUser: 0, runAsNonRoot: false, capabilities: { add: ['NET_ADMIN'] } },
};

const podSpec = {
  volumes: [
    { name: 'data', emptyDir: { sizeLimit: '1Gi' } },
    { name: 'cfg', configMap: { name: 'settings', items: [{ key: 'a', path: 'a.txt', mode: 420 }], defaultMode: 0 } },
    { name: 'host', hostPath: { path: '/var/log', type: 'Directory' } },
    { name: 'proj', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }] } },
  ],
  initContainers: [{ name: 'init', image: 'busybox', resources: {} }],
  containers: [container],
  restartPolicy: 'Always',
  terminationGracePeriodSeconds: 30,
  dnsPolicy: 'ClusterFirst',
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  serviceAccountName: 'default',
  nodeName: 'node-1',
  hostNetwork: true,
  securityContext: {
    fsGroup: 2000,
    supplementalGroups: [1, 2],
    sysctls: [{ name: 'net.ipv4.ip_forward', value: '1' }],
  },
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }],
      },
    },
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' },
        },
      ],
    },
  },
  schedulerName: 'default-scheduler',
  tolerations: [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  ],
  hostAliases: [{ ip: '10.0.0.1', hostnames: ['db'] }],
  priority: 0,
  dnsConfig: { nameservers: ['1.1.1.1'], options: [{ name: 'ndots', value: '2' }] },
  enableServiceLinks: true,
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }],
};

/** One object of every registered kind but Service (the property test covers Services). */
export const REPRESENTATIVE_OBJECTS: readonly Record<string, unknown>[] = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata,
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
      template: { metadata: { labels: { app: 'web' } }, spec: podSpec },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: 3,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          lastUpdateTime: '2024-05-06T12:53:25Z',
          lastTransitionTime: '2024-05-06T12:53:25Z',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        },
      ],
    },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-5d8c' },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: {}, spec: { containers: [{ name: 'c', resources: {} }] } },
    },
    status: { replicas: 0, observedGeneration: 1 },
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-5d8c-abcde', deletionTimestamp: '2024-05-06T13:00:00Z', deletionGracePeriodSeconds: 30 },
    spec: podSpec,
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2024-05-06T12:53:24Z' }],
      hostIP: '192.168.77.11',
      hostIPs: [{ ip: '192.168.77.11' }],
      podIP: '10.244.1.3',
      podIPs: [{ ip: '10.244.1.3' }],
      startTime: '2024-05-06T12:53:21Z',
      containerStatuses: [
        {
          name: 'web',
          state: { running: { startedAt: '2024-05-06T12:53:22Z' } },
          lastState: { terminated: { exitCode: 0, reason: 'Completed', finishedAt: '2024-05-06T12:53:21Z' } },
          ready: true,
          restartCount: 0,
          image: 'nginx:1.25',
          imageID: '',
          started: true,
        },
      ],
      qosClass: 'Burstable',
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } },
    spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], taints: [{ key: 'k', effect: 'NoSchedule' }] },
    status: {
      capacity: { cpu: '4', pods: '110' },
      conditions: [
        { type: 'Ready', status: 'True', lastHeartbeatTime: '2024-05-06T12:53:20Z', reason: 'KubeletReady' },
      ],
      addresses: [{ type: 'InternalIP', address: '192.168.77.11' }],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: 'm',
        systemUUID: '',
        bootID: '',
        kernelVersion: '6.1.0',
        osImage: 'Debian',
        containerRuntimeVersion: 'portico://0.1.0',
        kubeletVersion: 'v1.34.0',
        kubeProxyVersion: '',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'web' },
    subsets: [
      {
        addresses: [
          { ip: '10.244.1.3', nodeName: 'node-1', targetRef: { kind: 'Pod', name: 'web-1', namespace: 'default' } },
        ],
        notReadyAddresses: [{ ip: '10.244.2.4' }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ],
  },
  {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'web-abc', labels: { 'kubernetes.io/service-name': 'web' } },
    addressType: 'IPv4',
    endpoints: [
      {
        addresses: ['10.244.1.3'],
        conditions: { ready: true, serving: true, terminating: false },
        targetRef: { kind: 'Pod', name: 'web-1' },
        nodeName: 'node-1',
        zone: 'a',
        hints: { forZones: [{ name: 'a' }], forNodes: [{ name: 'node-1' }] },
      },
      { addresses: ['10.244.2.4'], conditions: {} },
    ],
    ports: [{ name: '', protocol: 'TCP', port: 8080 }],
  },
  {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'web.17c', namespace: 'default' },
    involvedObject: { kind: 'Service', name: 'web', namespace: 'default', apiVersion: 'v1' },
    reason: 'Sync',
    message: 'synced',
    source: { component: 'portico' },
    firstTimestamp: '2024-05-06T12:53:20Z',
    lastTimestamp: '2024-05-06T12:53:30Z',
    count: 2,
    type: 'Normal',
    eventTime: '2024-05-06T12:53:20.000123Z',
    series: { count: 2, lastObservedTime: '2024-05-06T12:53:30.500000Z' },
    reportingComponent: '',
    reportingInstance: '',
  },
  {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'team-a' },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  },
];
