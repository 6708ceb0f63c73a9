/** What to run for one container: its own `command`/`args`, or a built-in image's program; and its environment. */
import type { Container } from 'kubernetes-types/core/v1.d.ts';
import { builtInImageCommand, type BuiltInImageRefusal } from '../images/index.ts';

/** The pod facts every container sees in its environment. */
export interface PodIdentity {
  readonly podName: string;
  readonly podIP: string;
  readonly nodeName: string;
}

/** A runnable command line and environment, or the reason the container cannot run. */
export type ContainerCommand =
  | { readonly ok: true; readonly argv: readonly string[]; readonly env: Readonly<Record<string, string>> }
  | BuiltInImageRefusal;

/**
 * The command line and environment for `container`. `baseEnv` (e.g. `PATH`) comes first, then the container's
 * literal `env` values, then `POD_NAME`, `POD_IP`, `NODE_NAME`. `valueFrom` entries are not resolved yet.
 */
export function containerCommand(
  container: Container,
  pod: PodIdentity,
  baseEnv: Readonly<Record<string, string>>,
): ContainerCommand {
  const env: Record<string, string> = { ...baseEnv };
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined) env[variable.name] = expand(variable.value, env);
  }
  Object.assign(env, { POD_NAME: pod.podName, POD_IP: pod.podIP, NODE_NAME: pod.nodeName });
  const args = (container.args ?? []).map((arg) => expand(arg, env));
  if (container.command !== undefined && container.command.length > 0) {
    return { ok: true, argv: [...container.command.map((part) => expand(part, env)), ...args], env };
  }
  const builtIn = builtInImageCommand(container.image ?? '', args);
  return builtIn.ok ? { ok: true, argv: builtIn.argv, env } : builtIn;
}

/** Kubernetes' `$(VAR)` expansion: known variables are replaced, `$$` escapes, unknown references stay as written. */
function expand(text: string, env: Readonly<Record<string, string>>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (whole, name: string | undefined) => {
    if (name === undefined) return '$';
    return env[name] ?? whole;
  });
}
