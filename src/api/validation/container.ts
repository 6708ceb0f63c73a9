/**
 * Regular and init containers (upstream `validateContainerCommon`, `validateContainers`, `validateInitContainers`,
 * `checkHostPortConflicts`). Names are RFC 1123 labels, unique across both lists: the node agent uses them in log
 * paths and process names.
 */
import type { Container } from 'kubernetes-types/core/v1.d.ts';
import { type FieldError, duplicate, forbidden, notSupported, required } from '../field-errors.ts';
import { validateDNS1123Label } from './common.ts';
import {
  validateContainerPorts,
  validateEnv,
  validateEnvFrom,
  validateResources,
  validateVolumeMounts,
} from './container-fields.ts';
import { validateLifecycle, validateProbes } from './probes.ts';

const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

/** What every container of a pod is checked against. */
export interface ContainerContext {
  readonly volumes: ReadonlySet<string>;
  readonly gracePeriod: number | undefined;
}

function validateEnumField(value: string | undefined, supported: readonly string[], path: string): FieldError[] {
  if ((value ?? '') === '') return [required(path)];
  return supported.includes(value ?? '') ? [] : [notSupported(path, value ?? '', supported)];
}

/** validateContainerCommon: name, image, termination message policy, ports, env, mounts, pull policy, resources. */
function validateContainerCommon(container: Container, context: ContainerContext, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const name = (container.name as string | undefined) ?? '';
  if (name === '') errors.push(required(`${path}.name`));
  else errors.push(...validateDNS1123Label(name, `${path}.name`));
  if ((container.image ?? '') === '') errors.push(required(`${path}.image`));
  errors.push(
    ...validateEnumField(
      container.terminationMessagePolicy,
      TERMINATION_MESSAGE_POLICIES,
      `${path}.terminationMessagePolicy`,
    ),
    ...validateContainerPorts(container.ports ?? [], `${path}.ports`),
    ...validateEnv(container.env ?? [], `${path}.env`),
    ...validateEnvFrom(container.envFrom ?? [], `${path}.envFrom`),
    ...validateVolumeMounts(container.volumeMounts ?? [], context.volumes, `${path}.volumeMounts`),
    ...validateEnumField(container.imagePullPolicy, PULL_POLICIES, `${path}.imagePullPolicy`),
    ...validateResources(container.resources ?? {}, `${path}.resources`),
  );
  return errors;
}

/** Host ports may not repeat (per protocol and host IP) among the given containers. */
function checkHostPortConflicts(containers: readonly Container[], path: string, indexOffset = 0): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  containers.forEach((container, c) => {
    (container.ports ?? []).forEach((port, p) => {
      const hostPort = port.hostPort ?? 0;
      if (hostPort === 0) return;
      const key = `${port.protocol ?? ''}/${port.hostIP ?? ''}/${String(hostPort)}`;
      if (seen.has(key))
        errors.push(duplicate(`${path}[${String(c + indexOffset)}].ports[${String(p)}].hostPort`, key));
      seen.add(key);
    });
  });
  return errors;
}

/** validateContainers: at least one, each valid, names unique, probes and hooks allowed, host ports distinct. */
export function validateContainers(
  containers: readonly Container[],
  context: ContainerContext,
  path: string,
): FieldError[] {
  if (containers.length === 0) return [required(path)];
  const names = new Set<string>();
  const errors = containers.flatMap((container, i) => {
    const containerPath = `${path}[${String(i)}]`;
    const own = validateContainerCommon(container, context, containerPath);
    const name = (container.name as string | undefined) ?? '';
    if (names.has(name)) own.push(duplicate(`${containerPath}.name`, name));
    names.add(name);
    if (container.lifecycle !== undefined) {
      own.push(...validateLifecycle(container.lifecycle, context.gracePeriod, `${containerPath}.lifecycle`));
    }
    own.push(...validateProbes(container, context.gracePeriod, containerPath));
    if (container.restartPolicy !== undefined) {
      own.push(forbidden(`${containerPath}.restartPolicy`, 'may not be set for non-init containers'));
    }
    return own;
  });
  return [...errors, ...checkHostPortConflicts(containers, path)];
}

const INIT_ONLY = 'may not be set for init containers without restartPolicy=Always';

function validateInitContainer(container: Container, context: ContainerContext, path: string): FieldError[] {
  const errors = validateContainerCommon(container, context, path);
  const restartPolicy = container.restartPolicy;
  if (restartPolicy !== undefined && restartPolicy !== 'Always') {
    errors.push(notSupported(`${path}.restartPolicy`, restartPolicy, ['Always']));
  }
  if (restartPolicy === 'Always') {
    if (container.lifecycle !== undefined) {
      errors.push(...validateLifecycle(container.lifecycle, context.gracePeriod, `${path}.lifecycle`));
    }
    errors.push(...validateProbes(container, context.gracePeriod, path));
    return errors;
  }
  for (const field of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    if (container[field] !== undefined) errors.push(forbidden(`${path}.${field}`, INIT_ONLY));
  }
  return errors;
}

/** validateInitContainers: each valid, names unique across init and regular containers. */
export function validateInitContainers(
  initContainers: readonly Container[],
  containers: readonly Container[],
  context: ContainerContext,
  path: string,
): FieldError[] {
  const names = new Set(containers.map((c) => (c.name as string | undefined) ?? ''));
  return initContainers.flatMap((container, i) => {
    const containerPath = `${path}[${String(i)}]`;
    const errors = validateInitContainer(container, context, containerPath);
    const name = (container.name as string | undefined) ?? '';
    if (names.has(name)) errors.push(duplicate(`${containerPath}.name`, name));
    else if (name !== '') names.add(name);
    // Init containers run one at a time: their host ports are checked one container at a time.
    errors.push(...checkHostPortConflicts([container], path, i));
    return errors;
  });
}
