/** Loading a kubeconfig the way kube-proxy and kubectl do: an explicit file, else `$KUBECONFIG`, `~/.kube/config` or in-cluster. */
import { KubeConfig } from '@kubernetes/client-node';

/** A kubeconfig that cannot be used, worded for the command line. */
export class KubeConfigError extends Error {
  override readonly name = 'KubeConfigError';
}

/**
 * Loads the kubeconfig at `path`, or the default one when `path` is undefined, and checks that it names a cluster.
 *
 * @example
 * const config = loadKubeConfig('/var/lib/portico/kubeconfig');
 */
export function loadKubeConfig(path?: string): KubeConfig {
  const config = new KubeConfig();
  try {
    if (path === undefined) config.loadFromDefault();
    else config.loadFromFile(path);
  } catch (error) {
    const where = path === undefined ? 'the default kubeconfig' : `kubeconfig "${path}"`;
    throw new KubeConfigError(`cannot load ${where}: ${(error as Error).message}`);
  }
  const cluster = config.getCurrentCluster();
  if (cluster === null || cluster.server === '') {
    throw new KubeConfigError(
      `kubeconfig ${path ?? ''} has no current cluster: set current-context`.replace('  ', ' '),
    );
  }
  return config;
}
