/** The real `ProcessLauncher`: each container runs as `ip netns exec <pod namespace> <command>`. */
import { checkNamespaceName } from '../netns/index.ts';
import { spawnProcess } from './spawn-process.ts';
import type { ProcessLauncher } from './types.ts';

/** Runs container processes inside their pod's network namespace (needs root). */
export const netnsProcessLauncher: ProcessLauncher = {
  launch: (request) =>
    spawnProcess(
      ['ip', 'netns', 'exec', checkNamespaceName(request.podNamespace), ...request.argv],
      request.env,
      request.onOutput,
      request.onOutputEnd,
    ),
};
