/**
 * `portico up`: builds the cluster `planCluster` describes, step by step, saying what each step did, and checks
 * at the end that the demo NodePort answers on every node from the host.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CommandRunner } from '../agent/netns/index.ts';
import { loadKubeConfig } from '../client/index.ts';
import { ClusterApi, waitFor, type WaitLimits } from './cluster-api.ts';
import { apiServerProcess, controlPlaneDir, nodeAgentProcess } from './commands.ts';
import { deployDemo } from './demo.ts';
import { downCluster } from './down.ts';
import { addHostLink, addHostRoute, hostConflicts } from './host-link.ts';
import { httpGet } from './http-get.ts';
import { liveIptablesSave } from './live-node.ts';
import { rulesProgrammed } from './node-rules.ts';
import { routePodCIDRs, setupFabric, setupNode, plugIntoFabric } from './network.ts';
import type { ClusterPlan } from './plan.ts';
import type { Progress } from './progress.ts';
import { type ClusterProcess, startProcess } from './processes.ts';

/** What `up` was asked for beyond the plan. */
export interface UpOptions {
  readonly demo: boolean;
  /** How long each wait may take. */
  readonly timeoutMs?: number;
  /** Aborting it (Ctrl-C) stops the build at the next step; what was made is removed. */
  readonly signal?: AbortSignal;
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

/** Builds the cluster; on any failure removes what it made and throws. */
export async function upCluster(
  run: CommandRunner,
  plan: ClusterPlan,
  options: UpOptions,
  report: Progress,
): Promise<RunningCluster> {
  // A cluster process that dies while `up` waits ends the wait at once, with its name, instead of a timeout.
  const died = new AbortController();
  const signal = options.signal === undefined ? died.signal : AbortSignal.any([options.signal, died.signal]);
  const watch = (started: ClusterProcess): ClusterProcess => {
    void started.exited.then((code) => {
      died.abort(new ClusterUpError(`${started.role} exited with code ${code} while the cluster was starting`));
    });
    return started;
  };
  const limits = { timeoutMs: options.timeoutMs ?? 120_000, signal };
  const progress: Progress = {
    step: (text) => {
      report.step(text);
      signal.throwIfAborted();
    },
    detail: (text) => {
      report.detail(text);
    },
  };
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
  // Owner-only, also when it already existed: it holds the admin kubeconfig and the API server's data.
  mkdirSync(plan.dir, { recursive: true, mode: 0o700 });
  chmodSync(plan.dir, 0o700);
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

    processes.push(watch(startProcess(plan.dir, apiServerProcess(plan))));
    const served = join(controlPlaneDir(plan), 'kubeconfig');
    await waitFor('the API server to write its kubeconfig', limits, () =>
      Promise.resolve(existsSync(served) ? true : undefined),
    );
    copyFileSync(served, plan.kubeconfigPath);
    chmodSync(plan.kubeconfigPath, 0o600);
    const api = new ClusterApi(loadKubeConfig(plan.kubeconfigPath));
    await waitFor('the API server to answer', limits, async () => (await api.nodes(), true));
    progress.step(
      `Control plane: API server ${plan.apiServerURL} with its controllers (log: ${join(plan.dir, 'apiserver.log')})`,
    );

    for (const node of plan.nodes) {
      await setupNode(run, plan, node);
      processes.push(watch(startProcess(plan.dir, nodeAgentProcess(plan, node))));
      progress.step(
        `Node ${node.name}: namespace ${node.namespace}, IP ${node.ip}, pod bridge ${plan.podBridge}, agent and kube-proxy`,
      );
    }

    const podCIDRs = await waitFor('every node to register and get its pod CIDR', limits, async () => {
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

    await waitFor('every node to be Ready', limits, async () => {
      const nodes = await api.nodes();
      const ready = nodes.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
      return ready.length >= plan.nodes.length ? true : undefined;
    });
    await waitForProxies(run, plan, limits);
    progress.step(`Nodes Ready; kube-proxy healthy (/healthz on <node-ip>:10256) and its rules in every node's kernel`);

    if (options.demo) await deployDemo(run, plan, api, progress, limits);
    return { processes, podCIDRs };
  } catch (error) {
    progress.detail(`failed: ${error instanceof Error ? error.message : String(error)}`);
    // The logs say why a step failed; after Ctrl-C there is nothing to explain.
    for (const started of options.signal?.aborted === true ? [] : processes) {
      progress.detail(`last lines of ${started.logFile}:\n${lastLines(started.logFile, 15)}`);
    }
    progress.detail('removing what was made');
    await downCluster(run, plan);
    throw error;
  }
}

/**
 * Every node's kube-proxy answers `/healthz` and has written its rules. `/healthz` alone is not enough: it answers
 * 200 as soon as kube-proxy sees its Node, before the first sync (which takes seconds on a busy machine) has put
 * a rule in the kernel; what comes next (the demo) must find every node programmed.
 */
async function waitForProxies(run: CommandRunner, plan: ClusterPlan, limits: WaitLimits): Promise<void> {
  for (const node of plan.nodes) {
    await waitFor(`kube-proxy on ${node.name} to answer /healthz`, limits, async () =>
      (await httpGet(`http://${node.ip}:10256/healthz`)).status === 200 ? true : undefined,
    );
    await waitFor(`kube-proxy on ${node.name} to write its first rules`, limits, async () =>
      rulesProgrammed(await liveIptablesSave(run, node.namespace)) ? true : undefined,
    );
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
