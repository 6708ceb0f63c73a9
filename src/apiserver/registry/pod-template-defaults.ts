/** The v1 defaults of a PodSpec (for Pods and the templates of Deployments and ReplicaSets), as kube-apiserver sets them. */
import type { Container, PodSpec } from 'kubernetes-types/core/v1.d.ts';

/** `Always` for `:latest` or an untagged image, `IfNotPresent` otherwise (digests count as tagged). */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  if (colon < 0) return 'Always';
  return lastSegment.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(container: Container): Container {
  return {
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: defaultPullPolicy(container.image ?? ''),
    resources: {},
    ...container,
    ...(container.ports === undefined ? {} : { ports: container.ports.map((port) => ({ protocol: 'TCP', ...port })) }),
  };
}

/** A PodSpec with every default filled in; values the user gave are kept. */
export function defaultPodSpec(spec: PodSpec | undefined): PodSpec {
  const given = spec ?? { containers: [] };
  return {
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    securityContext: {},
    schedulerName: 'default-scheduler',
    ...given,
    // Request bodies are untrusted JSON: `containers` may be missing even though the type requires it.
    containers: ((given.containers as Container[] | undefined) ?? []).map(defaultContainer),
    ...(given.initContainers === undefined ? {} : { initContainers: given.initContainers.map(defaultContainer) }),
  };
}
