/** core/v1 Endpoints defaults and validation (upstream `ValidateEndpoints`, `validateEndpointSubsets`, v1.34). */
import type { EndpointAddress, EndpointPort, EndpointSubset, Endpoints } from 'kubernetes-types/core/v1.d.ts';
import { type FieldError, invalid, notSupported, required } from '../field-errors.ts';
import { validateDNS1123Label, validateQualifiedName } from './common.ts';
import { validateIP, validateNonSpecialIP } from './ip.ts';
import { isValidPortNum, nameIsDNSSubdomain } from './names.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.ts';
import { arrayOf, checkShape, objectMetaShape, objectShape, type Shape } from './shape.ts';

const SUPPORTED_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

const addressShape = objectShape({
  ip: 'string',
  hostname: 'string',
  nodeName: 'string',
  targetRef: objectShape({ kind: 'string', namespace: 'string', name: 'string', uid: 'string' }),
});

/** The JSON shape of the fields an Endpoints object's rules read. */
export const endpointsShape: Shape = objectShape({
  metadata: objectMetaShape,
  subsets: arrayOf(
    objectShape({
      addresses: arrayOf(addressShape),
      notReadyAddresses: arrayOf(addressShape),
      ports: arrayOf(objectShape({ name: 'string', port: 'int32', protocol: 'string', appProtocol: 'string' })),
    }),
  ),
});

/** v1 defaults: a port's protocol is TCP when unset. */
export function defaultEndpoints<T extends Record<string, unknown>>(endpoints: T): T {
  const subsets = endpoints['subsets'];
  if (!Array.isArray(subsets)) return endpoints;
  const withProtocols = (subsets as unknown[]).map((subset) => {
    const ports = (subset as { ports?: unknown } | null)?.ports;
    if (!Array.isArray(ports)) return subset;
    const defaulted = (ports as unknown[]).map((port) =>
      typeof port === 'object' && port !== null && !Array.isArray(port) ? { protocol: 'TCP', ...port } : port,
    );
    return { ...(subset as object), ports: defaulted };
  });
  return { ...endpoints, subsets: withProtocols };
}

function validateAddress(address: EndpointAddress, path: string): FieldError[] {
  const ip = (address.ip as string | undefined) ?? '';
  const errors = validateIP(`${path}.ip`, ip);
  if ((address.hostname ?? '') !== '') errors.push(...validateDNS1123Label(address.hostname ?? '', `${path}.hostname`));
  if (address.nodeName !== undefined) {
    const nodeName = address.nodeName;
    errors.push(...nameIsDNSSubdomain(nodeName, false).map((msg) => invalid(`${path}.nodeName`, nodeName, msg)));
  }
  errors.push(...validateNonSpecialIP(`${path}.ip`, ip));
  return errors;
}

function validatePort(port: EndpointPort, requireName: boolean, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const name = port.name ?? '';
  if (requireName && name === '') errors.push(required(`${path}.name`));
  else if (name !== '') errors.push(...validateDNS1123Label(name, `${path}.name`));
  const number = (port.port as number | undefined) ?? 0;
  errors.push(...isValidPortNum(number).map((msg) => invalid(`${path}.port`, number, msg)));
  const protocol = port.protocol ?? '';
  if (protocol === '') errors.push(required(`${path}.protocol`));
  else if (!SUPPORTED_PROTOCOLS.includes(protocol)) {
    errors.push(notSupported(`${path}.protocol`, protocol, SUPPORTED_PROTOCOLS));
  }
  if (port.appProtocol !== undefined) errors.push(...validateQualifiedName(port.appProtocol, `${path}.appProtocol`));
  return errors;
}

function validateSubset(subset: EndpointSubset, path: string): FieldError[] {
  const addresses = subset.addresses ?? [];
  const notReady = subset.notReadyAddresses ?? [];
  const ports = subset.ports ?? [];
  const errors: FieldError[] = [];
  if (addresses.length === 0 && notReady.length === 0) {
    errors.push(required(path, 'must specify `addresses` or `notReadyAddresses`'));
  }
  addresses.forEach((a, i) => errors.push(...validateAddress(a, `${path}.addresses[${String(i)}]`)));
  notReady.forEach((a, i) => errors.push(...validateAddress(a, `${path}.notReadyAddresses[${String(i)}]`)));
  ports.forEach((p, i) => errors.push(...validatePort(p, ports.length > 1, `${path}.ports[${String(i)}]`)));
  return errors;
}

function validateBody(endpoints: Endpoints): FieldError[] {
  return (endpoints.subsets ?? []).flatMap((subset, i) => validateSubset(subset, `subsets[${String(i)}]`));
}

/** ValidateEndpointsCreate. */
export function validateEndpoints(object: unknown): FieldError[] {
  const shapeErrors = checkShape(object, endpointsShape);
  if (shapeErrors.length > 0) return shapeErrors;
  const endpoints = (object ?? {}) as Endpoints;
  return [...validateObjectMeta(endpoints.metadata, true, nameIsDNSSubdomain), ...validateBody(endpoints)];
}

/** ValidateEndpointsUpdate: metadata update rules, then the object as on create. */
export function validateEndpointsUpdate(object: unknown, old: unknown): FieldError[] {
  const shapeErrors = checkShape(object, endpointsShape);
  if (shapeErrors.length > 0) return shapeErrors;
  const endpoints = (object ?? {}) as Endpoints;
  const previous = (old ?? {}) as Partial<Endpoints>;
  return [
    ...validateObjectMetaUpdate(endpoints.metadata, previous.metadata),
    ...validateObjectMeta(endpoints.metadata, true, nameIsDNSSubdomain),
    ...validateBody(endpoints),
  ];
}
