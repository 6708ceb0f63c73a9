/** A node's kubeconfig in tests: the admin kubeconfig's cluster, with the node's own token as its user. */
import { KubeConfig } from '@kubernetes/client-node';
import { issueNodeToken, kubeletClientToken } from '../../src/client/node-credentials.ts';

/** The token node `nodeName` gets from a server whose admin token is `adminToken`. */
export function nodeTokenFor(adminToken: string, nodeName: string): string {
  return issueNodeToken(kubeletClientToken(adminToken), nodeName);
}

/** `admin` (a kubeconfig with the admin token) re-pointed at node `nodeName`'s credential. */
export function nodeKubeConfig(admin: KubeConfig, nodeName: string): KubeConfig {
  const adminToken = admin.getCurrentUser()?.token;
  const cluster = admin.getCurrentCluster();
  if (adminToken === undefined || cluster === null)
    throw new Error('nodeKubeConfig: the admin kubeconfig has no token');
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [cluster],
    users: [{ name: `system:node:${nodeName}`, token: nodeTokenFor(adminToken, nodeName) }],
    contexts: [{ name: nodeName, cluster: cluster.name, user: `system:node:${nodeName}` }],
    currentContext: nodeName,
  });
  return kubeConfig;
}
