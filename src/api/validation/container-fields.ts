/**
 * A container's ports, environment, resources and volume mounts (upstream `validateContainerPorts`, `ValidateEnv`,
 * `ValidateEnvFrom`, `validateResourceRequirements`, `ValidateVolumeMounts`, v1.34 with its default feature gates:
 * relaxed environment variable names).
 */
import type {
  ContainerPort,
  EnvFromSource,
  EnvVar,
  ResourceRequirements,
  VolumeMount,
} from 'kubernetes-types/core/v1.d.ts';
import { type FieldError, duplicate, invalid, notFound, notSupported, required } from '../field-errors.ts';
import { quantityValue, validateQuantity } from './common.ts';
import { byteLength, maxLenError, regexError } from './messages.ts';
import { isQualifiedName, isValidPortName, isValidPortNum, nameIsDNSSubdomain } from './names.ts';

const SUPPORTED_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** validateContainerPorts: names (IANA service names, unique), containerPort, hostPort, protocol. */
export function validateContainerPorts(ports: readonly ContainerPort[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const portPath = `${path}[${String(i)}]`;
    const name = port.name ?? '';
    if (name !== '') {
      const messages = isValidPortName(name);
      if (messages.length > 0) errors.push(...messages.map((msg) => invalid(`${portPath}.name`, name, msg)));
      else if (names.has(name)) errors.push(duplicate(`${portPath}.name`, name));
      else names.add(name);
    }
    const containerPort = (port.containerPort as number | undefined) ?? 0;
    if (containerPort === 0) errors.push(required(`${portPath}.containerPort`));
    else
      errors.push(
        ...isValidPortNum(containerPort).map((msg) => invalid(`${portPath}.containerPort`, containerPort, msg)),
      );
    const hostPort = port.hostPort ?? 0;
    if (hostPort !== 0)
      errors.push(...isValidPortNum(hostPort).map((msg) => invalid(`${portPath}.hostPort`, hostPort, msg)));
    const protocol = port.protocol ?? '';
    if (protocol === '') errors.push(required(`${portPath}.protocol`));
    else if (!SUPPORTED_PROTOCOLS.includes(protocol)) {
      errors.push(notSupported(`${portPath}.protocol`, protocol, SUPPORTED_PROTOCOLS));
    }
  });
  return errors;
}

const RELAXED_ENV_NAME_MSG =
  "a valid environment variable name must consist only of printable ASCII characters other than '='";

/** IsRelaxedEnvVarName (the default since the RelaxedEnvironmentVariableValidation gate went on). */
export function isRelaxedEnvVarName(value: string): string[] {
  const errors: string[] = [];
  if (value === '') errors.push('environment variable name must be non-empty');
  if (value.includes('=')) errors.push(RELAXED_ENV_NAME_MSG);
  if (!/^[\x20-\x7e]*$/.test(value)) errors.push(RELAXED_ENV_NAME_MSG);
  return errors;
}

function hasChDirPrefix(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  return value.startsWith('..') ? ["must not start with '..'"] : [];
}

/** IsConfigMapKey: keys of ConfigMaps and Secrets. */
export function isConfigMapKey(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 253) errors.push(maxLenError(253));
  if (!/^[-._a-zA-Z0-9]+$/.test(value)) {
    const message = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
    errors.push(regexError(message, '[-._a-zA-Z0-9]+', 'key.name', 'KEY_NAME', 'key-name'));
  }
  return [...errors, ...hasChDirPrefix(value)];
}

function validateKeySelector(selector: { name?: string; key?: string }, path: string): FieldError[] {
  const name = selector.name ?? '';
  const errors = nameIsDNSSubdomain(name, false).map((msg) => invalid(`${path}.name`, name, msg));
  const key = selector.key ?? '';
  if (key === '') errors.push(required(`${path}.key`));
  else errors.push(...isConfigMapKey(key).map((msg) => invalid(`${path}.key`, key, msg)));
  return errors;
}

function validateValueFrom(env: EnvVar, path: string): FieldError[] {
  const from = env.valueFrom;
  if (from === undefined) return [];
  const errors: FieldError[] = [];
  let sources = 0;
  if (from.fieldRef !== undefined) {
    sources++;
    if ((from.fieldRef.apiVersion ?? '') === '') errors.push(required(`${path}.fieldRef.apiVersion`));
    else if (((from.fieldRef.fieldPath as string | undefined) ?? '') === '')
      errors.push(required(`${path}.fieldRef.fieldPath`));
  }
  if (from.resourceFieldRef !== undefined) {
    sources++;
    if (((from.resourceFieldRef.resource as string | undefined) ?? '') === '') {
      errors.push(required(`${path}.resourceFieldRef.resource`));
    }
  }
  if (from.configMapKeyRef !== undefined) {
    sources++;
    errors.push(...validateKeySelector(from.configMapKeyRef, `${path}.configMapKeyRef`));
  }
  if (from.secretKeyRef !== undefined) {
    sources++;
    errors.push(...validateKeySelector(from.secretKeyRef, `${path}.secretKeyRef`));
  }
  if (sources === 0) {
    errors.push(
      invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'),
    );
  } else if ((env.value ?? '') !== '') {
    errors.push(invalid(path, '', 'may not be specified when `value` is not empty'));
  } else if (sources > 1) {
    errors.push(invalid(path, '', 'may not have more than one field specified at a time'));
  }
  return errors;
}

/** ValidateEnv: each name set and valid, each valueFrom with exactly one source. */
export function validateEnv(env: readonly EnvVar[], path: string): FieldError[] {
  return env.flatMap((variable, i) => {
    const varPath = `${path}[${String(i)}]`;
    const name = (variable.name as string | undefined) ?? '';
    const errors =
      name === ''
        ? [required(`${varPath}.name`)]
        : isRelaxedEnvVarName(name).map((msg) => invalid(`${varPath}.name`, name, msg));
    return [...errors, ...validateValueFrom(variable, `${varPath}.valueFrom`)];
  });
}

/** ValidateEnvFrom: a valid prefix and exactly one source. */
export function validateEnvFrom(sources: readonly EnvFromSource[], path: string): FieldError[] {
  return sources.flatMap((source, i) => {
    const sourcePath = `${path}[${String(i)}]`;
    const prefix = source.prefix ?? '';
    const errors =
      prefix === '' ? [] : isRelaxedEnvVarName(prefix).map((msg) => invalid(`${sourcePath}.prefix`, prefix, msg));
    const refs = (['configMapRef', 'secretRef'] as const).filter((key) => source[key] !== undefined);
    for (const key of refs) {
      const name = source[key]?.name ?? '';
      if (name === '') errors.push(required(`${sourcePath}.${key}.name`));
      else errors.push(...nameIsDNSSubdomain(name, true).map((msg) => invalid(`${sourcePath}.${key}.name`, name, msg)));
    }
    if (refs.length === 0) errors.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (refs.length > 1) errors.push(invalid(path, '', 'may not have more than one field specified at a time'));
    return errors;
  });
}

const CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const OTHER_STANDARD_RESOURCES = new Set(['pods', 'services', 'storage', 'secrets', 'configmaps']);

function validateResourceName(name: string, path: string): FieldError[] {
  const errors = isQualifiedName(name).map((msg) => invalid(path, name, msg));
  if (errors.length > 0 || name.includes('/')) return errors;
  const container = CONTAINER_RESOURCES.has(name) || name.startsWith('hugepages-');
  if (!container && !OTHER_STANDARD_RESOURCES.has(name)) {
    errors.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
  }
  if (!container) errors.push(invalid(path, name, 'must be a standard resource for containers'));
  return errors;
}

type Quantities = Readonly<Record<string, string | number>>;

function validateResourceList(list: Quantities, path: string): FieldError[] {
  return Object.keys(list)
    .sort()
    .flatMap((name) => {
      const quantity = list[name] ?? '';
      return [...validateResourceName(name, `${path}[${name}]`), ...validateQuantity(quantity, `${path}[${name}]`)];
    });
}

/** validateResourceRequirements: names, quantities, and requests no larger than limits. */
export function validateResources(resources: ResourceRequirements, path: string): FieldError[] {
  const limits = (resources.limits ?? {}) as Quantities;
  const requests = (resources.requests ?? {}) as Quantities;
  const errors = [
    ...validateResourceList(limits, `${path}.limits`),
    ...validateResourceList(requests, `${path}.requests`),
  ];
  for (const name of Object.keys(requests).sort()) {
    const request = requests[name] ?? 0;
    const limit = limits[name];
    if (limit === undefined) continue;
    const requestValue = quantityValue(request);
    const limitValue = quantityValue(limit);
    if (requestValue !== undefined && limitValue !== undefined && requestValue > limitValue) {
      const detail = `must be less than or equal to ${name} limit of ${String(limit)}`;
      errors.push(invalid(`${path}.requests`, String(request), detail));
    }
  }
  return errors;
}

function validateLocalDescendingPath(target: string, path: string): FieldError[] {
  const errors = target.startsWith('/') ? [invalid(path, target, 'must be a relative path')] : [];
  if (target.split('/').includes('..')) errors.push(invalid(path, target, "must not contain '..'"));
  return errors;
}

/** ValidateVolumeMounts: a known volume, a unique mount path, a sub-path that stays inside the volume. */
export function validateVolumeMounts(
  mounts: readonly VolumeMount[],
  volumes: ReadonlySet<string>,
  path: string,
): FieldError[] {
  const errors: FieldError[] = [];
  const mountPoints = new Set<string>();
  mounts.forEach((mount, i) => {
    const mountPath = `${path}[${String(i)}]`;
    const name = (mount.name as string | undefined) ?? '';
    const target = (mount.mountPath as string | undefined) ?? '';
    if (name === '') errors.push(required(`${mountPath}.name`));
    if (!volumes.has(name)) errors.push(notFound(`${mountPath}.name`, name));
    if (target === '') errors.push(required(`${mountPath}.mountPath`));
    if (mountPoints.has(target)) errors.push(invalid(`${mountPath}.mountPath`, target, 'must be unique'));
    mountPoints.add(target);
    const subPath = mount.subPath ?? '';
    if (subPath !== '') errors.push(...validateLocalDescendingPath(subPath, `${path}.subPath`));
  });
  return errors;
}
