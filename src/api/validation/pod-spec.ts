/** A PodSpec, in Pods and in pod templates (upstream `ValidatePodSpec`, v1.34, the fields Portico stores). */
import type { PodDNSConfig, PodSpec, Volume } from 'kubernetes-types/core/v1.d.ts';
import {
  type FieldError,
  duplicate,
  forbidden,
  goStringSlice,
  invalid,
  notSupported,
  required,
} from '../field-errors.ts';
import { validateLabels } from '../labels/validate.ts';
import { validateDNS1123Label, validateDNS1123Subdomain, validateQualifiedName } from './common.ts';
import { validateContainers, validateInitContainers } from './container.ts';
import { validateIP } from './ip.ts';
import { inclusiveRangeError } from './messages.ts';
import { nameIsDNSSubdomain } from './names.ts';
import { validateTolerations } from './taints.ts';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const INT32_MAX = 2147483647;
const MAX_DNS_NAMESERVERS = 3;
const MAX_DNS_SEARCH_PATHS = 32;
const MAX_DNS_SEARCH_LIST_CHARS = 2048;

function validateVolumes(volumes: readonly Volume[], path: string): { names: Set<string>; errors: FieldError[] } {
  const names = new Set<string>();
  const errors: FieldError[] = [];
  volumes.forEach((volume, i) => {
    const volumePath = `${path}[${String(i)}]`;
    const name = (volume.name as string | undefined) ?? '';
    const sources = Object.keys(volume).filter((key) => key !== 'name');
    const own: FieldError[] = [];
    if (sources.length === 0) own.push(required(volumePath, 'must specify a volume type'));
    for (const extra of sources.slice(1)) {
      own.push(forbidden(`${volumePath}.${extra}`, 'may not specify more than 1 volume type'));
    }
    if (name === '') own.push(required(`${volumePath}.name`));
    else own.push(...validateDNS1123Label(name, `${volumePath}.name`));
    if (names.has(name)) own.push(duplicate(`${volumePath}.name`, name));
    if (own.length === 0) names.add(name);
    errors.push(...own);
  });
  return { names, errors };
}

function validateEnum(value: string | undefined, supported: readonly string[], path: string): FieldError[] {
  if ((value ?? '') === '') return [required(path)];
  return supported.includes(value ?? '') ? [] : [notSupported(path, value ?? '', supported)];
}

function validateDNSConfig(
  config: PodDNSConfig | undefined,
  dnsPolicy: string | undefined,
  path: string,
): FieldError[] {
  if (dnsPolicy === 'None') {
    if (config === undefined) return [required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if ((config.nameservers ?? []).length === 0) {
      return [required(`${path}.nameservers`, 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
    }
  }
  if (config === undefined) return [];
  const errors: FieldError[] = [];
  const nameservers = config.nameservers ?? [];
  if (nameservers.length > MAX_DNS_NAMESERVERS) {
    const detail = `must not have more than ${String(MAX_DNS_NAMESERVERS)} nameservers`;
    errors.push(invalid(`${path}.nameservers`, goStringSlice(nameservers), detail));
  }
  nameservers.forEach((ns, i) => errors.push(...validateIP(`${path}.nameservers[${String(i)}]`, ns)));
  const searches = config.searches ?? [];
  if (searches.length > MAX_DNS_SEARCH_PATHS) {
    const detail = `must not have more than ${String(MAX_DNS_SEARCH_PATHS)} search paths`;
    errors.push(invalid(`${path}.searches`, goStringSlice(searches), detail));
  }
  if (searches.join(' ').length > MAX_DNS_SEARCH_LIST_CHARS) {
    const detail = `must not have more than ${String(MAX_DNS_SEARCH_LIST_CHARS)} characters (including spaces) in the search list`;
    errors.push(invalid(`${path}.searches`, goStringSlice(searches), detail));
  }
  searches.forEach((search, i) => {
    if (search === '.') return;
    const trimmed = search.endsWith('.') ? search.slice(0, -1) : search;
    // Relaxed search validation (on by default): underscores are allowed where letters are.
    if (validateDNS1123Subdomain(trimmed.replaceAll('_', 'a'), '').length > 0) {
      errors.push(...validateDNS1123Subdomain(trimmed, `${path}.searches[${String(i)}]`));
    }
  });
  (config.options ?? []).forEach((option, i) => {
    if ((option.name ?? '') === '') {
      errors.push(required(`${path}.options[${String(i)}]`, 'must not be empty'));
    }
  });
  return errors;
}

function validateIDs(spec: PodSpec, path: string): FieldError[] {
  const context = spec.securityContext ?? {};
  const errors: FieldError[] = [];
  for (const field of ['fsGroup', 'runAsUser', 'runAsGroup'] as const) {
    const id = context[field];
    if (id !== undefined && (id < 0 || id > INT32_MAX)) {
      errors.push(invalid(`${path}.securityContext.${field}`, id, inclusiveRangeError(0, INT32_MAX)));
    }
  }
  return errors;
}

function validateNames(spec: PodSpec, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const subdomainField = (value: string | undefined, field: string): void => {
    if ((value ?? '') === '') return;
    const text = value ?? '';
    errors.push(...nameIsDNSSubdomain(text, false).map((msg) => invalid(`${path}.${field}`, text, msg)));
  };
  subdomainField(spec.serviceAccountName, 'serviceAccountName');
  subdomainField(spec.nodeName, 'nodeName');
  const deadline = spec.activeDeadlineSeconds;
  if (deadline !== undefined && (deadline < 1 || deadline > INT32_MAX)) {
    errors.push(invalid(`${path}.activeDeadlineSeconds`, deadline, inclusiveRangeError(1, INT32_MAX)));
  }
  if ((spec.hostname ?? '') !== '') errors.push(...validateDNS1123Label(spec.hostname ?? '', `${path}.hostname`));
  if ((spec.subdomain ?? '') !== '') errors.push(...validateDNS1123Label(spec.subdomain ?? '', `${path}.subdomain`));
  return errors;
}

function validateScheduling(spec: PodSpec, path: string): FieldError[] {
  const errors = validateTolerations(spec.tolerations ?? [], `${path}.tolerations`);
  (spec.hostAliases ?? []).forEach((alias, i) => {
    const aliasPath = `${path}.hostAliases[${String(i)}]`;
    errors.push(...validateIP(`${aliasPath}.ip`, alias.ip ?? ''));
    (alias.hostnames ?? []).forEach((host, j) => {
      errors.push(...validateDNS1123Subdomain(host, `${aliasPath}.hostnames[${String(j)}]`));
    });
  });
  const priorityClass = spec.priorityClassName ?? '';
  if (priorityClass !== '') {
    errors.push(
      ...nameIsDNSSubdomain(priorityClass, false).map((m) => invalid(`${path}.priorityClassName`, priorityClass, m)),
    );
  }
  (spec.readinessGates ?? []).forEach((gate, i) => {
    const type = (gate.conditionType as string | undefined) ?? '';
    errors.push(...validateQualifiedName(type, `${path}.readinessGates[${String(i)}].conditionType`));
  });
  const gates = new Set<string>();
  (spec.schedulingGates ?? []).forEach((gate, i) => {
    const name = (gate.name as string | undefined) ?? '';
    errors.push(...validateQualifiedName(name, `${path}.schedulingGates[${String(i)}]`));
    if (gates.has(name)) errors.push(duplicate(`${path}.schedulingGates[${String(i)}]`, name));
    gates.add(name);
  });
  return errors;
}

/**
 * ValidatePodSpec for a (defaulted) spec at `path` (`spec` in a Pod, `spec.template.spec` in a workload).
 * @example validatePodSpec(pod.spec, 'spec')
 */
export function validatePodSpec(spec: PodSpec, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const gracePeriod = spec.terminationGracePeriodSeconds;
  if (gracePeriod === undefined) errors.push(required(`${path}.terminationGracePeriodSeconds`));
  else if (gracePeriod < 0) {
    errors.push(invalid(`${path}.terminationGracePeriodSeconds`, gracePeriod, 'must be greater than or equal to 0'));
  }
  const volumes = validateVolumes(spec.volumes ?? [], `${path}.volumes`);
  errors.push(...volumes.errors);
  const containers = (spec.containers as PodSpec['containers'] | undefined) ?? [];
  const context = { volumes: volumes.names, gracePeriod };
  errors.push(...validateContainers(containers, context, `${path}.containers`));
  errors.push(...validateInitContainers(spec.initContainers ?? [], containers, context, `${path}.initContainers`));
  errors.push(
    ...validateEnum(spec.restartPolicy, RESTART_POLICIES, `${path}.restartPolicy`),
    ...validateEnum(spec.dnsPolicy, DNS_POLICIES, `${path}.dnsPolicy`),
    ...validateLabels(spec.nodeSelector, `${path}.nodeSelector`),
    ...validateIDs(spec, path),
    ...validateDNSConfig(spec.dnsConfig, spec.dnsPolicy, `${path}.dnsConfig`),
    ...validateNames(spec, path),
    ...validateScheduling(spec, path),
  );
  return errors;
}
