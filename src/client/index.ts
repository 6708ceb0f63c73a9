/** Talking to a Kubernetes API server: kubeconfig loading and list+watch informers. */
export { KubeConfigError, loadKubeConfig } from './kubeconfig.ts';
export { startProxyInformers, type ProxyInformerHandlers, type ProxyInformers } from './proxy-informers.ts';
export {
  startResourceInformer,
  type ChangeHandler,
  type ResourceInformer,
  type ResourceInformerOptions,
} from './resource-informer.ts';
