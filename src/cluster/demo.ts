/**
 * The demo the Kubernetes NodePort tutorial walks through: two echo pods behind a NodePort Service on 31155.
 */
import type { Deployment } from 'kubernetes-types/apps/v1.d.ts';
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { type ClusterApi, waitFor, type WaitLimits } from './cluster-api.ts';
import { httpGet } from './http-get.ts';
import type { CommandRunner } from '../exec/command.ts';
import { liveIptablesSave } from './live-node.ts';
import { nodePortProgramming } from './node-rules.ts';
import type { ClusterPlan, NodePlan } from './plan.ts';
import type { Progress } from './progress.ts';

export const DEMO_DEPLOYMENT = 'hello-livefire';
export const DEMO_SERVICE = 'livefire-nodeport-svc';
export const DEMO_NODE_PORT = 31155;

const labels = { app: 'livefire' };

export const demoDeployment: Deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: DEMO_DEPLOYMENT, namespace: 'default', labels },
  spec: {
    replicas: 2,
    selector: { matchLabels: labels },
    template: {
      metadata: { labels },
      spec: {
        containers: [
          {
            name: 'echo',
            image: 'portico/echo',
            ports: [{ containerPort: 80, name: 'http' }],
            readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 2 },
          },
        ],
      },
    },
  },
};

export const demoService: Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: DEMO_SERVICE, namespace: 'default', labels },
  spec: {
    type: 'NodePort',
    selector: labels,
    externalTrafficPolicy: 'Cluster',
    ports: [{ port: 80, targetPort: 80, nodePort: DEMO_NODE_PORT, protocol: 'TCP' }],
  },
};

/**
 * One try of the demo NodePort, recording which pod answered. Until both have, it throws what it saw so far, so a
 * wait that runs out of time says whether no pod, or only one, was ever reached, not only the latest failure.
 */
async function demoAnswers(url: string, answered: Map<string, string>): Promise<true> {
  let failure: string | undefined;
  try {
    const response = await httpGet(url, 2000, { accept: 'application/json' });
    const reply = JSON.parse(response.body) as { podName?: string; nodeName?: string };
    if (response.status === 200 && reply.podName !== undefined) answered.set(reply.podName, reply.nodeName ?? '');
    else failure = `HTTP ${response.status}`;
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  if (answered.size >= 2) return true;
  const names = [...answered.keys()];
  const seen = names.length === 0 ? 'no demo pod answered yet' : `only ${names.join(', ')} answered`;
  throw new Error(failure === undefined ? seen : `${seen}; last try: ${failure}`);
}

/** Waits until the node's live rules send the demo NodePort to two endpoints; while not, says what they hold. */
async function waitForDemoRules(run: CommandRunner, node: NodePlan, limits: WaitLimits): Promise<void> {
  await waitFor(`the rules of ${node.name} to send ${DEMO_NODE_PORT} to both demo pods`, limits, async () => {
    const programmed = nodePortProgramming(
      await liveIptablesSave(run, node.namespace),
      `default/${DEMO_SERVICE}`,
      DEMO_NODE_PORT,
    );
    if (programmed.nodePortRule && programmed.endpoints.length >= 2) return true;
    const endpoints = programmed.endpoints.length === 0 ? 'no endpoint' : programmed.endpoints.join(', ');
    throw new Error(`${programmed.nodePortRule ? 'the NodePort rule' : 'no NodePort rule'}; ${endpoints}`);
  });
}

/**
 * Creates the demo and waits until every node's rules send its NodePort to both pods, and traffic through each
 * node's NodePort reaches both.
 */
export async function deployDemo(
  run: CommandRunner,
  plan: ClusterPlan,
  api: ClusterApi,
  progress: Progress,
  limits: WaitLimits,
): Promise<void> {
  await api.createDeployment(demoDeployment);
  await api.createService(demoService);
  await waitFor(`deployment ${DEMO_DEPLOYMENT} to have 2 available replicas`, limits, async () => {
    const status = (await api.deployment(DEMO_DEPLOYMENT)).status;
    return (status?.availableReplicas ?? 0) >= 2 ? true : undefined;
  });
  progress.step(
    `Demo: deployment ${DEMO_DEPLOYMENT} (2/2 available), service ${DEMO_SERVICE} 80:${DEMO_NODE_PORT}/TCP`,
  );
  // Ready means every node's rules already send NodePort traffic to every demo pod.
  for (const node of plan.nodes) {
    await waitForDemoRules(run, node, limits);
    const url = `http://${node.ip}:${DEMO_NODE_PORT}/`;
    const answered = new Map<string, string>();
    await waitFor(`${url} to reach both demo pods`, limits, () => demoAnswers(url, answered), 50);
    const who = [...answered].map(([pod, on]) => `${pod} (${on})`).join(' and ');
    progress.detail(`curl ${url} → answered by ${who}`);
  }
}
