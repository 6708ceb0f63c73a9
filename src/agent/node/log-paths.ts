/**
 * Where container logs go, built only from names that cannot leave the log folder. The agent may talk to any API
 * server, so it checks for itself what kube-apiserver's validation would have: the namespace and container names
 * are DNS-1123 labels, the pod name a DNS-1123 subdomain, the uid UUID-shaped. None of them can then hold a `/`,
 * start with a dot or be empty, so `../../../x` never names a path.
 */
import { join } from 'node:path';
import { isDNS1123Label, isDNS1123Subdomain } from '../../api/validation/names.ts';

/** A name that must not become part of a log path. */
export class LogPathError extends Error {
  override readonly name = 'LogPathError';
}

/** What kube-apiserver generates (`k8s.io/apimachinery/pkg/util/uuid`); any UUID's shape, any case. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function check(what: string, value: string, errors: readonly string[]): void {
  if (errors.length > 0) throw new LogPathError(`${what} ${JSON.stringify(value)} is invalid: ${errors.join('; ')}`);
}

/** Throws `LogPathError` unless the pod's namespace, name and uid are safe in a path. */
export function checkPodLogNames(namespace: string, podName: string, podUid: string): void {
  check('pod namespace', namespace, isDNS1123Label(namespace));
  check('pod name', podName, isDNS1123Subdomain(podName));
  check('pod uid', podUid, UUID.test(podUid) ? [] : ['must be a UUID']);
}

/** Throws `LogPathError` unless `container` is a DNS-1123 label. */
export function checkContainerLogName(container: string): void {
  check('container name', container, isDNS1123Label(container));
}

/** The folder of one pod's logs, `<root>/<namespace>_<podName>_<podUid>` (kubelet's layout); checked first. */
export function podLogFolder(root: string, namespace: string, podName: string, podUid: string): string {
  checkPodLogNames(namespace, podName, podUid);
  return join(root, `${namespace}_${podName}_${podUid}`);
}

/** The folder of one container's logs inside its pod's folder; checked first. */
export function containerLogFolder(podFolder: string, container: string): string {
  checkContainerLogName(container);
  return join(podFolder, container);
}

/**
 * Why the pod's logs could not be kept, or undefined when every name in its path is safe: the pod's own names and
 * every container's.
 */
export function unsafeLogNames(
  namespace: string,
  podName: string,
  podUid: string,
  containers: readonly string[],
): string | undefined {
  try {
    checkPodLogNames(namespace, podName, podUid);
    for (const container of containers) checkContainerLogName(container);
    return undefined;
  } catch (error) {
    if (error instanceof LogPathError) return error.message;
    throw error;
  }
}
