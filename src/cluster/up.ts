/**
 * `portico up`: builds the cluster `planCluster` describes, step by step, saying what each step did, and checks
 * at the end that the demo NodePort answers on every node from the host.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CommandRunner } from '../agent/netns/index.ts';
import { loadKubeConfig } from '../client/index.ts';
import { ClusterApi, waitFor } from './cluster-api.ts';
import { DEMO_DEPLOYMENT, DEMO_NODE_PORT, DEMO_SERVICE, demoDeployment, demoService } from './demo.ts';
import { downCluster } from './down.ts';
import { addHostLink, addHostRoute, hostConflicts } from './host-link.ts';
import { httpGet } from './http-get.ts';
import { routePodCIDRs, setupFabric, setupNode, plugIntoFabric } from './network.ts';
import { type ClusterPlan, podNamespacePrefix } from './plan.ts';
import { type ClusterProcess, startProcess } from './processes.ts';

/** The `portico` entry point every cluster process runs. */
const PORTICO_BIN = fileURLToPath(new URL('../../bin/portico.mjs', import.meta.url));

/** A step's outcome, printed as it happens. */
export interface Progress {
  step(text: string): void;
  detail(text: string): void;
}

/** What `up` was asked for beyond the plan. */
export interface UpOptions {
  readonly demo: boolean;
  /** How long each wait may take. */
  readonly timeoutMs?: number;
}

/** What is running once `up` returns. */
export interface RunningCluster {
  readonly processes: readonly ClusterProcess[];
  readonly podCIDRs: ReadonlyMap<string, string>;
}

/** Why `up` stopped; the cluster has been torn down again when this is thrown. */
export class ClusterUpError extends Error {
  override readonly name = 'ClusterUpError';
}

function porticoArgv(...args: string[]): string[] {
  return [process.execPath, PORTICO_BIN, ...args];
}

/** Builds the cluster; on any failure removes what it made and throws. */
export async function upCluster(
  run: CommandRunner,
  plan: ClusterPlan,
  options: UpOptions,
  progress: Progress,
): Promise<RunningCluster> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const leftovers = await downCluster(run, plan);
  const removed = leftovers.namespaces.length + leftovers.processes.length + Number(leftovers.hostLink);
  progress.step(
    removed === 0 ? 'Nothing left from an earlier run' : `Removed ${removed} things left by an earlier run`,
  );

  const ranges = [plan.options.nodeNetwork, plan.options.podCIDR, plan.options.serviceCIDR];
  const conflicts = await hostConflicts(run, ranges, plan.hostLink);
  if (conflicts.length > 0) {
    const lines = conflicts.map((c) => `  ${c.range}: ${c.what}`).join('\n');
    throw new ClusterUpError(
      `the host already uses the cluster's ranges; choose others (--node-network, --pod-cidr, --service-cidr):\n${lines}`,
    );
  }
  mkdirSync(plan.dir, { recursive: true, mode: 0o700 });
  const processes: ClusterProcess[] = [];
  try {
    await setupFabric(run, plan);
    await addHostLink(
      run,
      { name: plan.hostLink, peer: plan.hostPeer, fabricNamespace: plan.fabricNamespace },
      plan.hostIP,
      plan.nodePrefix,
    );
    await plugIntoFabric(run, plan, plan.hostPeer);
    progress.step(
      `Node network ${plan.options.nodeNetwork}: bridge ${plan.fabricBridge} in namespace ${plan.fabricNamespace}, ` +
        `host link ${plan.hostLink} ${plan.hostIP}`,
    );

    const dataDir = join(plan.dir, 'control-plane');
    processes.push(
      startProcess(plan.dir, {
        role: 'apiserver',
        argv: porticoArgv(
          'apiserver',
          '--data-dir',
          dataDir,
          '--bind-address',
          plan.hostIP,
          '--advertise-address',
          plan.hostIP,
          '--secure-port',
          String(plan.options.apiServerPort),
          '--service-cluster-ip-range',
          plan.options.serviceCIDR,
          '--cluster-cidr',
          plan.options.podCIDR,
        ),
      }),
    );
    const served = join(dataDir, 'kubeconfig');
    await waitFor('the API server to write its kubeconfig', timeoutMs, () =>
      Promise.resolve(existsSync(served) ? true : undefined),
    );
    copyFileSync(served, plan.kubeconfigPath);
    const api = new ClusterApi(loadKubeConfig(plan.kubeconfigPath));
    await waitFor('the API server to answer', timeoutMs, async () => (await api.nodes(), true));
    progress.step(
      `Control plane: API server ${plan.apiServerURL} with its controllers (log: ${join(plan.dir, 'apiserver.log')})`,
    );

    for (const node of plan.nodes) {
      await setupNode(run, plan, node);
      processes.push(
        startProcess(plan.dir, {
          role: node.name,
          // nsenter switches the network namespace only, so the pod namespaces the agent makes stay visible to all.
          argv: [
            'nsenter',
            `--net=/run/netns/${node.namespace}`,
            ...porticoArgv(
              'node',
              '--kubeconfig',
              plan.kubeconfigPath,
              '--hostname-override',
              node.name,
              '--node-ip',
              node.ip,
              '--node-namespace',
              node.namespace,
              '--pod-namespace-prefix',
              podNamespacePrefix(node),
              '--pod-log-dir',
              join(plan.dir, 'pod-logs', node.name),
              '--cluster-cidr',
              plan.options.podCIDR,
            ),
          ],
        }),
      );
      progress.step(
        `Node ${node.name}: namespace ${node.namespace}, IP ${node.ip}, pod bridge ${plan.podBridge}, agent and kube-proxy`,
      );
    }

    const podCIDRs = await waitFor('every node to register and get its pod CIDR', timeoutMs, async () => {
      const cidrs = new Map((await api.nodes()).map((n) => [n.metadata?.name ?? '', n.spec?.podCIDR ?? '']));
      return plan.nodes.every((n) => (cidrs.get(n.name) ?? '') !== '') ? cidrs : undefined;
    });
    await routePodCIDRs(run, plan, podCIDRs);
    for (const node of plan.nodes) await addHostRoute(run, plan.hostLink, podCIDRs.get(node.name) ?? '', node.ip);
    const first = plan.nodes[0];
    if (first !== undefined) await addHostRoute(run, plan.hostLink, plan.options.serviceCIDR, first.ip);
    progress.step(
      `Pod CIDRs ${plan.nodes.map((n) => `${n.name} ${podCIDRs.get(n.name) ?? '?'}`).join(', ')}; static routes between nodes and from the host`,
    );

    await waitFor('every node to be Ready', timeoutMs, async () => {
      const nodes = await api.nodes();
      const ready = nodes.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
      return ready.length >= plan.nodes.length ? true : undefined;
    });
    for (const node of plan.nodes) {
      await waitFor(`kube-proxy on ${node.name} to sync`, timeoutMs, async () =>
        (await httpGet(`http://${node.ip}:10256/healthz`)).status === 200 ? true : undefined,
      );
    }
    progress.step(`Nodes Ready; kube-proxy synced on every node (/healthz on <node-ip>:10256)`);

    if (options.demo) await deployDemo(plan, api, progress, timeoutMs);
    return { processes, podCIDRs };
  } catch (error) {
    progress.detail(`failed: ${error instanceof Error ? error.message : String(error)}`);
    for (const started of processes) {
      progress.detail(`last lines of ${started.logFile}:\n${lastLines(started.logFile, 15)}`);
    }
    progress.detail('removing what was made');
    await downCluster(run, plan);
    throw error;
  }
}

function lastLines(file: string, count: number): string {
  try {
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    return lines
      .slice(-count)
      .map((line) => `    ${line}`)
      .join('\n');
  } catch {
    return '    (no log)';
  }
}

async function deployDemo(plan: ClusterPlan, api: ClusterApi, progress: Progress, timeoutMs: number): Promise<void> {
  await api.createDeployment(demoDeployment);
  await api.createService(demoService);
  await waitFor(`deployment ${DEMO_DEPLOYMENT} to have 2 available replicas`, timeoutMs, async () => {
    const status = (await api.deployment(DEMO_DEPLOYMENT)).status;
    return (status?.availableReplicas ?? 0) >= 2 ? true : undefined;
  });
  progress.step(
    `Demo: deployment ${DEMO_DEPLOYMENT} (2/2 available), service ${DEMO_SERVICE} 80:${DEMO_NODE_PORT}/TCP`,
  );
  // Ready means every node's rules already send NodePort traffic to every demo pod.
  for (const node of plan.nodes) {
    const url = `http://${node.ip}:${DEMO_NODE_PORT}/`;
    const answered = new Map<string, string>();
    await waitFor(
      `${url} to reach both demo pods`,
      timeoutMs,
      async () => {
        const response = await httpGet(url, 2000, { accept: 'application/json' });
        const reply = JSON.parse(response.body) as { podName?: string; nodeName?: string };
        if (response.status === 200 && reply.podName !== undefined) answered.set(reply.podName, reply.nodeName ?? '');
        return answered.size >= 2 ? true : undefined;
      },
      50,
    );
    const who = [...answered].map(([pod, on]) => `${pod} (${on})`).join(' and ');
    progress.detail(`curl ${url} → answered by ${who}`);
  }
}
