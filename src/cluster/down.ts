/**
 * `portico down`: removes everything a cluster made, found by name — its processes (by recorded PID, then any
 * process still inside one of its namespaces), its pod, node and fabric namespaces, the host link (its routes go
 * with it), and its folder. Safe to run again and again; `up` runs it first to clear what a crash left.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { checkNamespaceName, type CommandRunner, deleteNamespace, listNamespaces } from '../agent/netns/index.ts';
import { deleteHostLink } from './host-link.ts';
import { type ClusterPlan, isClusterNamespace } from './plan.ts';
import { stopPid, stopRecorded } from './processes.ts';

/** What `down` found and removed. */
export interface DownReport {
  readonly processes: readonly string[];
  readonly namespaces: readonly string[];
  readonly hostLink: boolean;
  readonly folder: boolean;
}

/** How long a node agent gets to stop its pods and remove their networks before it is killed. */
const AGENT_GRACE_MS = 20_000;
const APISERVER_GRACE_MS = 5_000;

/** The PIDs of every process inside `namespace` (`ip netns pids`). */
async function pidsIn(run: CommandRunner, namespace: string): Promise<number[]> {
  const result = await run(['ip', 'netns', 'pids', checkNamespaceName(namespace)]);
  if (result.code !== 0) return [];
  return result.stdout
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((pid) => Number.isInteger(pid) && pid > 1);
}

function recordedRoles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((file) => file.endsWith('.pid'))
      .map((file) => file.slice(0, -'.pid'.length));
  } catch {
    return [];
  }
}

/** Pods first, then nodes, then the fabric: each namespace is emptied before the one it hangs off. */
function removalOrder(plan: ClusterPlan, namespaces: readonly string[]): string[] {
  const rank = (ns: string): number => (plan.podNamespacePattern.test(ns) ? 0 : ns === plan.fabricNamespace ? 2 : 1);
  return [...namespaces].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Tears the cluster down; `say` hears one line per thing removed. */
export async function downCluster(
  run: CommandRunner,
  plan: ClusterPlan,
  say: (line: string) => void = () => undefined,
): Promise<DownReport> {
  const processes: string[] = [];
  // Agents first, so they stop their pods and remove their networks themselves; the API server last.
  const roles = recordedRoles(plan.dir).sort((a, b) => Number(a === 'apiserver') - Number(b === 'apiserver'));
  for (const role of roles) {
    const outcome = await stopRecorded(plan.dir, role, role === 'apiserver' ? APISERVER_GRACE_MS : AGENT_GRACE_MS);
    if (outcome !== 'gone') {
      processes.push(role);
      say(`stopped ${role} (${outcome})`);
    }
  }
  const namespaces = removalOrder(
    plan,
    (await listNamespaces(run)).filter((ns) => isClusterNamespace(plan, ns)),
  );
  for (const namespace of namespaces) {
    // Anything still running in one of our namespaces is ours: a pod process whose agent crashed, say.
    for (const pid of await pidsIn(run, namespace)) {
      await stopPid(pid, 2_000);
      processes.push(`pid ${pid} in ${namespace}`);
      say(`stopped process ${pid} left in ${namespace}`);
    }
    await deleteNamespace(run, namespace);
    say(`deleted network namespace ${namespace}`);
  }
  const hostLink = await deleteHostLink(run, plan.hostLink);
  if (hostLink) say(`deleted host link ${plan.hostLink} and its routes`);
  const folder = removeFolder(plan.dir);
  if (folder) say(`removed ${plan.dir}`);
  return { processes, namespaces, hostLink, folder };
}

/** Removes the cluster's own folder (never the state directory above it); false when there was none. */
function removeFolder(dir: string): boolean {
  if (!existsSync(dir)) return false;
  rmSync(dir, { recursive: true, force: true });
  return true;
}
