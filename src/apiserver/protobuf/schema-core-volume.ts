/**
 * core/v1 volume messages: the sources a local cluster can run (hostPath, emptyDir, secret,
 * configMap, downwardAPI, projected, persistentVolumeClaim, nfs, csi, image). The cloud and legacy
 * in-tree sources (gcePersistentDisk, awsElasticBlockStore, iscsi, rbd, cephfs, azure*, …) and
 * `ephemeral` are left out: a volume using one decodes without it and its field is reported in
 * `unknownFields`.
 */
import type { PackageSpec } from './schema-dsl.ts';

/** k8s.io.api.core.v1: Volume and the volume sources Portico understands. */
export const CORE_V1_VOLUME: PackageSpec = {
  package: 'k8s.io.api.core.v1',
  messages: {
    Volume: { name: '1 string req', volumeSource: '2 VolumeSource inline' },
    VolumeSource: {
      hostPath: '1 HostPathVolumeSource ptr',
      emptyDir: '2 EmptyDirVolumeSource ptr',
      secret: '6 SecretVolumeSource ptr',
      nfs: '7 NFSVolumeSource ptr',
      persistentVolumeClaim: '10 PersistentVolumeClaimVolumeSource ptr',
      downwardAPI: '16 DownwardAPIVolumeSource ptr',
      configMap: '19 ConfigMapVolumeSource ptr',
      projected: '26 ProjectedVolumeSource ptr',
      csi: '28 CSIVolumeSource ptr',
      image: '30 ImageVolumeSource ptr',
    },
    HostPathVolumeSource: { path: '1 string req', type: '2 string ptr' },
    EmptyDirVolumeSource: { medium: '1 string', sizeLimit: '2 resource.Quantity ptr' },
    SecretVolumeSource: {
      secretName: '1 string',
      items: '2 []KeyToPath',
      defaultMode: '3 int32 ptr',
      optional: '4 bool ptr',
    },
    NFSVolumeSource: { server: '1 string req', path: '2 string req', readOnly: '3 bool' },
    PersistentVolumeClaimVolumeSource: { claimName: '1 string req', readOnly: '2 bool' },
    DownwardAPIVolumeSource: { items: '1 []DownwardAPIVolumeFile', defaultMode: '2 int32 ptr' },
    DownwardAPIVolumeFile: {
      path: '1 string req',
      fieldRef: '2 ObjectFieldSelector ptr',
      resourceFieldRef: '3 ResourceFieldSelector ptr',
      mode: '4 int32 ptr',
    },
    ConfigMapVolumeSource: {
      localObjectReference: '1 LocalObjectReference inline',
      items: '2 []KeyToPath',
      defaultMode: '3 int32 ptr',
      optional: '4 bool ptr',
    },
    KeyToPath: { key: '1 string req', path: '2 string req', mode: '3 int32 ptr' },
    ProjectedVolumeSource: { sources: '1 []VolumeProjection', defaultMode: '2 int32 ptr' },
    VolumeProjection: {
      secret: '1 SecretProjection ptr',
      downwardAPI: '2 DownwardAPIProjection ptr',
      configMap: '3 ConfigMapProjection ptr',
      serviceAccountToken: '4 ServiceAccountTokenProjection ptr',
    },
    SecretProjection: {
      localObjectReference: '1 LocalObjectReference inline',
      items: '2 []KeyToPath',
      optional: '4 bool ptr',
    },
    ConfigMapProjection: {
      localObjectReference: '1 LocalObjectReference inline',
      items: '2 []KeyToPath',
      optional: '4 bool ptr',
    },
    DownwardAPIProjection: { items: '1 []DownwardAPIVolumeFile' },
    ServiceAccountTokenProjection: {
      audience: '1 string',
      expirationSeconds: '2 int64 ptr',
      path: '3 string req',
    },
    CSIVolumeSource: {
      driver: '1 string req',
      readOnly: '2 bool ptr',
      fsType: '3 string ptr',
      volumeAttributes: '4 map<string>',
      nodePublishSecretRef: '5 LocalObjectReference ptr',
    },
    ImageVolumeSource: { reference: '1 string', pullPolicy: '2 string' },
  },
};
