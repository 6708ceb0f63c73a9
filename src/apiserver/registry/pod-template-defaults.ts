/** The v1 defaults of a PodSpec (for Pods and the templates of Deployments and ReplicaSets), as kube-apiserver sets them. */
import type {
  Container,
  HTTPGetAction,
  Lifecycle,
  LifecycleHandler,
  PodSpec,
  Probe,
} from 'kubernetes-types/core/v1.d.ts';

/** `Always` for `:latest` or an untagged image, `IfNotPresent` otherwise (digests count as tagged). */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  if (colon < 0) return 'Always';
  return lastSegment.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

/** Request bodies are untrusted JSON: only objects get defaults, anything else is left for validation to report. */
function isObject<T>(value: T | undefined): value is T {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** SetDefaults_HTTPGetAction: path `/`, scheme HTTP. */
function defaultHttpGet(action: HTTPGetAction | undefined): { httpGet?: HTTPGetAction } {
  if (!isObject(action)) return {};
  return { httpGet: { ...action, path: action.path || '/', scheme: action.scheme || 'HTTP' } };
}

/** SetDefaults_Probe: timeout 1 s, period 10 s, success threshold 1, failure threshold 3 (when 0 or unset). */
function defaultProbe(probe: Probe | undefined): Probe | undefined {
  if (!isObject(probe)) return probe;
  return {
    ...probe,
    timeoutSeconds: probe.timeoutSeconds || 1,
    periodSeconds: probe.periodSeconds || 10,
    successThreshold: probe.successThreshold || 1,
    failureThreshold: probe.failureThreshold || 3,
    ...defaultHttpGet(probe.httpGet),
  };
}

function defaultHandler(handler: LifecycleHandler | undefined): LifecycleHandler | undefined {
  if (!isObject(handler)) return handler;
  return { ...handler, ...defaultHttpGet(handler.httpGet) };
}

/** The probes and hooks of a container with their defaults; fields that are unset stay unset. */
function defaultProbesAndHooks(container: Container): Partial<Container> {
  const defaulted: Partial<Container> = {};
  for (const key of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const probe = defaultProbe(container[key]);
    if (probe !== undefined) defaulted[key] = probe;
  }
  const lifecycle = container.lifecycle;
  if (isObject(lifecycle)) {
    const hooks: Lifecycle = { ...lifecycle };
    const postStart = defaultHandler(lifecycle.postStart);
    const preStop = defaultHandler(lifecycle.preStop);
    if (postStart !== undefined) hooks.postStart = postStart;
    if (preStop !== undefined) hooks.preStop = preStop;
    defaulted.lifecycle = hooks;
  }
  return defaulted;
}

function defaultContainer(container: Container): Container {
  if (!isObject(container)) return container;
  return {
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: defaultPullPolicy(typeof container.image === 'string' ? container.image : ''),
    resources: {},
    ...container,
    ...(Array.isArray(container.ports) ? { ports: container.ports.map(defaultContainerPort) } : {}),
    ...defaultProbesAndHooks(container),
  };
}

function defaultContainerPort<T>(port: T): T {
  return typeof port === 'object' && port !== null && !Array.isArray(port) ? { protocol: 'TCP', ...port } : port;
}

/** A PodSpec with every default filled in; values the user gave are kept. */
export function defaultPodSpec(spec: PodSpec | undefined): PodSpec {
  // A spec that is not an object is left for validation to report.
  if (spec !== undefined && !isObject(spec)) return spec;
  const given = spec ?? { containers: [] };
  return {
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    securityContext: {},
    schedulerName: 'default-scheduler',
    ...given,
    // Request bodies are untrusted JSON: a list may be anything; validation reports what is not a list.
    containers: Array.isArray(given.containers) ? given.containers.map(defaultContainer) : given.containers,
    ...(Array.isArray(given.initContainers) ? { initContainers: given.initContainers.map(defaultContainer) } : {}),
  };
}
