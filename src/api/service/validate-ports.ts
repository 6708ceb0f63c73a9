/** Port rules of ValidateService: each port, nodePort use, duplicate nodePorts and ports. */
import type { Service, ServicePort } from 'kubernetes-types/core/v1.d.ts';
import { duplicate, type FieldError, forbidden, invalid, notSupported, required } from '../field-errors.ts';
import { goServicePortKey } from '../go-format.ts';
import { isDNS1123Label, isQualifiedName, isValidPortName, isValidPortNum } from '../validation/names.ts';
import { ServiceType, SUPPORTED_PROTOCOLS } from './constants.ts';
import { portNumber } from './predicates.ts';

const portsPath = (i: number): string => `spec.ports[${i}]`;

function validatePortName(port: ServicePort, requireName: boolean, seen: Set<string>, path: string): FieldError[] {
  const name = port.name ?? '';
  if (name === '') return requireName ? [required(`${path}.name`)] : [];
  const errors = isDNS1123Label(name).map((msg) => invalid(`${path}.name`, name, msg));
  if (seen.has(name)) errors.push(duplicate(`${path}.name`, name));
  else seen.add(name);
  return errors;
}

/** targetPort is a port number or an IANA service name (the container port's name). */
function validateTargetPort(target: number | string | undefined, path: string): FieldError[] {
  if (typeof target === 'string') return isValidPortName(target).map((msg) => invalid(path, target, msg));
  const value = target ?? 0;
  return isValidPortNum(value).map((msg) => invalid(path, value, msg));
}

function validatePort(port: ServicePort, requireName: boolean, seen: Set<string>, path: string): FieldError[] {
  const errors = validatePortName(port, requireName, seen, path);
  const number = portNumber(port);
  errors.push(...isValidPortNum(number).map((msg) => invalid(`${path}.port`, number, msg)));
  const protocol = port.protocol ?? '';
  if (protocol === '') errors.push(required(`${path}.protocol`));
  else if (!SUPPORTED_PROTOCOLS.includes(protocol))
    errors.push(notSupported(`${path}.protocol`, protocol, SUPPORTED_PROTOCOLS));
  errors.push(...validateTargetPort(port.targetPort, `${path}.targetPort`));
  if (port.appProtocol !== undefined) {
    const appProtocol = port.appProtocol;
    errors.push(...isQualifiedName(appProtocol).map((msg) => invalid(`${path}.appProtocol`, appProtocol, msg)));
  }
  return errors;
}

/** Each port: name (required when there are several, RFC 1123, unique), port, protocol, targetPort, appProtocol. */
export function validateServicePorts(svc: Service): FieldError[] {
  const ports = svc.spec?.ports ?? [];
  const seen = new Set<string>();
  return ports.flatMap((port, i) => validatePort(port, ports.length > 1, seen, portsPath(i)));
}

/** A ClusterIP Service may not ask for nodePorts. */
export function validateNoNodePortsForClusterIP(svc: Service): FieldError[] {
  if (svc.spec?.type !== ServiceType.ClusterIP) return [];
  return (svc.spec.ports ?? []).flatMap((port, i) =>
    (port.nodePort ?? 0) !== 0
      ? [forbidden(`${portsPath(i)}.nodePort`, "may not be used when `type` is 'ClusterIP'")]
      : [],
  );
}

/** The same (protocol, nodePort) may appear once; 53/TCP and 53/UDP may share a nodePort. */
export function validateDuplicateNodePorts(svc: Service): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  (svc.spec?.ports ?? []).forEach((port, i) => {
    const nodePort = port.nodePort ?? 0;
    if (nodePort === 0) return;
    const key = `${port.protocol ?? ''}/${nodePort}`;
    if (seen.has(key)) errors.push(duplicate(`${portsPath(i)}.nodePort`, nodePort));
    seen.add(key);
  });
  return errors;
}

/** The same (protocol, port) may appear once; the error shows upstream's Go struct literal. */
export function validateDuplicatePorts(svc: Service): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  (svc.spec?.ports ?? []).forEach((port, i) => {
    const protocol = port.protocol ?? '';
    const key = `${protocol}/${portNumber(port)}`;
    if (seen.has(key)) errors.push(duplicate(portsPath(i), goServicePortKey(protocol, portNumber(port))));
    seen.add(key);
  });
  return errors;
}
