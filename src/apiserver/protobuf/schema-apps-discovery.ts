/**
 * apps/v1 (Deployment, ReplicaSet) and discovery.k8s.io/v1 (EndpointSlice) messages. Field numbers
 * from upstream `generated.proto`; `ptr`/`req` from `types.go` (see schema-dsl.ts).
 */
import type { PackageSpec } from './schema-dsl.ts';

/** k8s.io.api.apps.v1: Deployment and ReplicaSet. */
export const APPS_V1: PackageSpec = {
  package: 'k8s.io.api.apps.v1',
  messages: {
    Deployment: { metadata: '1 meta.ObjectMeta', spec: '2 DeploymentSpec', status: '3 DeploymentStatus' },
    DeploymentSpec: {
      replicas: '1 int32 ptr',
      selector: '2 meta.LabelSelector ptr',
      template: '3 core.PodTemplateSpec',
      strategy: '4 DeploymentStrategy',
      minReadySeconds: '5 int32',
      revisionHistoryLimit: '6 int32 ptr',
      paused: '7 bool',
      progressDeadlineSeconds: '9 int32 ptr',
      podReplacementPolicy: '10 string ptr',
    },
    DeploymentStrategy: { type: '1 string', rollingUpdate: '2 RollingUpdateDeployment ptr' },
    RollingUpdateDeployment: {
      maxUnavailable: '1 intstr.IntOrString ptr',
      maxSurge: '2 intstr.IntOrString ptr',
    },
    DeploymentStatus: {
      observedGeneration: '1 int64',
      replicas: '2 int32',
      updatedReplicas: '3 int32',
      readyReplicas: '7 int32',
      availableReplicas: '4 int32',
      unavailableReplicas: '5 int32',
      terminatingReplicas: '9 int32 ptr',
      conditions: '6 []DeploymentCondition',
      collisionCount: '8 int32 ptr',
    },
    DeploymentCondition: {
      type: '1 string req',
      status: '2 string req',
      lastUpdateTime: '6 meta.Time',
      lastTransitionTime: '7 meta.Time',
      reason: '4 string',
      message: '5 string',
    },

    ReplicaSet: { metadata: '1 meta.ObjectMeta', spec: '2 ReplicaSetSpec', status: '3 ReplicaSetStatus' },
    ReplicaSetSpec: {
      replicas: '1 int32 ptr',
      minReadySeconds: '4 int32',
      selector: '2 meta.LabelSelector ptr',
      template: '3 core.PodTemplateSpec',
    },
    ReplicaSetStatus: {
      replicas: '1 int32 req',
      fullyLabeledReplicas: '2 int32',
      readyReplicas: '4 int32',
      availableReplicas: '5 int32',
      terminatingReplicas: '7 int32 ptr',
      observedGeneration: '3 int64',
      conditions: '6 []ReplicaSetCondition',
    },
    ReplicaSetCondition: {
      type: '1 string req',
      status: '2 string req',
      lastTransitionTime: '3 meta.Time',
      reason: '4 string',
      message: '5 string',
    },
  },
};

/** k8s.io.api.discovery.v1: EndpointSlice. */
export const DISCOVERY_V1: PackageSpec = {
  package: 'k8s.io.api.discovery.v1',
  messages: {
    EndpointSlice: {
      metadata: '1 meta.ObjectMeta',
      addressType: '4 string req',
      endpoints: '2 []Endpoint',
      ports: '3 []EndpointPort',
    },
    Endpoint: {
      addresses: '1 []string',
      conditions: '2 EndpointConditions',
      hostname: '3 string ptr',
      targetRef: '4 core.ObjectReference ptr',
      deprecatedTopology: '5 map<string>',
      nodeName: '6 string ptr',
      zone: '7 string ptr',
      hints: '8 EndpointHints ptr',
    },
    EndpointConditions: { ready: '1 bool ptr', serving: '2 bool ptr', terminating: '3 bool ptr' },
    EndpointHints: { forZones: '1 []ForZone', forNodes: '2 []ForNode' },
    ForZone: { name: '1 string req' },
    ForNode: { name: '1 string req' },
    EndpointPort: {
      name: '1 string ptr',
      protocol: '2 string ptr',
      port: '3 int32 ptr',
      appProtocol: '4 string ptr',
    },
  },
};
