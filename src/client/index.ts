/** Talking to a Kubernetes API server: kubeconfig loading and the list+watch informer. */
export {
  Informer,
  WatchStatusError,
  objectKey,
  type ChangeHandler,
  type InformerOptions,
  type ListWatchSource,
  type ObjectWithMeta,
  type WatchEvent,
} from './informer.ts';
export { KubeConfigError, loadKubeConfig } from './kubeconfig.ts';
export { startProxyInformers, type ProxyInformerHandlers, type ProxyInformers } from './proxy-informers.ts';
export {
  kubeConfigSource,
  startResourceInformer,
  type KubeConfigSourceOptions,
  type ResourceInformerOptions,
} from './resource-informer.ts';
