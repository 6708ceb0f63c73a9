/**
 * discovery.k8s.io/v1 EndpointSlice defaults and validation (upstream `pkg/apis/discovery/validation`, v1.34). One
 * addition: a port number, when set, must be 1..65535 — kube-proxy writes it into its rules, and upstream's own
 * Endpoints rule (`IsValidPortNum`) says the same.
 */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.d.ts';
import { type FieldError, duplicate, internal, invalid, notSupported, required, tooMany } from '../field-errors.ts';
import { validateLabels } from '../labels/validate.ts';
import {
  validateDNS1123Label,
  validateFullyQualifiedDomainName,
  validateImmutable,
  validateIPv4Address,
  validateIPv6Address,
  validateQualifiedName,
  text,
} from './common.ts';
import { validateEndpointIP } from './ip.ts';
import { isValidLabelValue, isValidPortNum, nameIsDNSSubdomain } from './names.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.ts';
import { arrayOf, checkShape, mapOf, objectMetaShape, objectShape, type Shape, objectReferenceShape } from './shape.ts';

const SUPPORTED_ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const SUPPORTED_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const MAX_TOPOLOGY_LABELS = 16;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 20000;
const MAX_ENDPOINTS = 1000;
const MAX_ZONE_HINTS = 8;
const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** The JSON shape of the fields an EndpointSlice's rules read. */
export const endpointSliceShape: Shape = objectShape({
  metadata: objectMetaShape,
  addressType: 'string',
  endpoints: arrayOf(
    objectShape({
      addresses: arrayOf('string'),
      conditions: objectShape({ ready: 'boolean', serving: 'boolean', terminating: 'boolean' }),
      hostname: 'string',
      targetRef: objectReferenceShape,
      deprecatedTopology: mapOf('string'),
      nodeName: 'string',
      zone: 'string',
      hints: objectShape({
        forZones: arrayOf(objectShape({ name: 'string' })),
        forNodes: arrayOf(objectShape({ name: 'string' })),
      }),
    }),
  ),
  ports: arrayOf(objectShape({ name: 'string', protocol: 'string', port: 'int32', appProtocol: 'string' })),
});

/** v1 defaults: a port's `name` is `""` and its `protocol` `TCP` when unset (SetDefaults_EndpointPort). */
export function defaultEndpointSlice<T extends Record<string, unknown>>(slice: T): T {
  const ports = slice['ports'];
  if (!Array.isArray(ports)) return slice;
  const defaulted = (ports as unknown[]).map((port) =>
    typeof port === 'object' && port !== null && !Array.isArray(port) ? { name: '', protocol: 'TCP', ...port } : port,
  );
  return { ...slice, ports: defaulted };
}

function validateAddress(address: string, addressType: string | undefined, path: string): FieldError[] {
  switch (addressType) {
    case 'IPv4':
      return [...validateIPv4Address(address, path), ...validateEndpointIP(path, address)];
    case 'IPv6':
      return [...validateIPv6Address(address, path), ...validateEndpointIP(path, address)];
    case 'FQDN':
      return validateFullyQualifiedDomainName(address, path);
    default:
      // Unknown types are reported once, on addressType.
      return [];
  }
}

type Endpoint = EndpointSlice['endpoints'][number];

function validateHints(hints: NonNullable<Endpoint['hints']>, path: string): FieldError[] {
  const zones = hints.forZones ?? [];
  if (zones.length > MAX_ZONE_HINTS) return [tooMany(`${path}.forZones`, zones.length, MAX_ZONE_HINTS)];
  const seen = new Set<string>();
  return zones.flatMap((zone, i) => {
    const zonePath = `${path}.forZones[${String(i)}].name`;
    const name = (zone.name as string | undefined) ?? '';
    const errors = seen.has(name) ? [duplicate(zonePath, name)] : [];
    seen.add(name);
    return [...errors, ...isValidLabelValue(name).map((msg) => invalid(zonePath, name, msg))];
  });
}

function validateTopology(topology: Readonly<Record<string, string>> | undefined, path: string): FieldError[] {
  const labels = topology ?? {};
  const count = Object.keys(labels).length;
  const errors = count > MAX_TOPOLOGY_LABELS ? [tooMany(path, count, MAX_TOPOLOGY_LABELS)] : [];
  errors.push(...validateLabels(labels, path));
  if (ZONE_LABEL in labels)
    errors.push(internal(`${path}[${ZONE_LABEL}]`, 'reserved key was not removed in conversion'));
  return errors;
}

function validateEndpoint(endpoint: Endpoint, addressType: string | undefined, path: string): FieldError[] {
  const addressPath = `${path}.addresses`;
  const addresses = (endpoint.addresses as string[] | undefined) ?? [];
  const errors: FieldError[] = [];
  if (addresses.length === 0) errors.push(required(addressPath, 'must contain at least 1 address'));
  else if (addresses.length > MAX_ADDRESSES) errors.push(tooMany(addressPath, addresses.length, MAX_ADDRESSES));
  addresses.forEach((address, i) =>
    errors.push(...validateAddress(address, addressType, `${addressPath}[${String(i)}]`)),
  );
  if (endpoint.nodeName !== undefined) {
    const nodeName = endpoint.nodeName;
    errors.push(...nameIsDNSSubdomain(nodeName, false).map((msg) => invalid(`${path}.nodeName`, nodeName, msg)));
  }
  errors.push(...validateTopology(endpoint.deprecatedTopology, `${path}.deprecatedTopology`));
  if (endpoint.hostname !== undefined) errors.push(...validateDNS1123Label(endpoint.hostname, `${path}.hostname`));
  if (endpoint.hints !== undefined) errors.push(...validateHints(endpoint.hints, `${path}.hints`));
  return errors;
}

function validateEndpoints(slice: EndpointSlice): FieldError[] {
  const endpoints = (slice.endpoints as Endpoint[] | undefined) ?? [];
  if (endpoints.length > MAX_ENDPOINTS) return [tooMany('endpoints', endpoints.length, MAX_ENDPOINTS)];
  return endpoints.flatMap((endpoint, i) => validateEndpoint(endpoint, slice.addressType, `endpoints[${String(i)}]`));
}

type EndpointPort = NonNullable<EndpointSlice['ports']>[number];

function validatePort(port: EndpointPort, names: Set<string>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const name = port.name ?? '';
  if (name !== '') errors.push(...validateDNS1123Label(name, `${path}.name`));
  if (names.has(name)) errors.push(duplicate(`${path}.name`, name));
  names.add(name);
  if (port.protocol === undefined) errors.push(required(`${path}.protocol`));
  else if (!SUPPORTED_PROTOCOLS.includes(port.protocol)) {
    errors.push(notSupported(`${path}.protocol`, port.protocol, SUPPORTED_PROTOCOLS));
  }
  if (port.port !== undefined) {
    const number = port.port;
    errors.push(...isValidPortNum(number).map((msg) => invalid(`${path}.port`, number, msg)));
  }
  if (port.appProtocol !== undefined) errors.push(...validateQualifiedName(port.appProtocol, `${path}.appProtocol`));
  return errors;
}

function validatePorts(slice: EndpointSlice): FieldError[] {
  const ports = slice.ports ?? [];
  if (ports.length > MAX_PORTS) return [tooMany('ports', ports.length, MAX_PORTS)];
  const names = new Set<string>();
  return ports.flatMap((port, i) => validatePort(port, names, `ports[${String(i)}]`));
}

function validateAddressType(addressType: string | undefined): FieldError[] {
  if (addressType === undefined || addressType === '') return [required('addressType')];
  return SUPPORTED_ADDRESS_TYPES.includes(addressType)
    ? []
    : [notSupported('addressType', addressType, SUPPORTED_ADDRESS_TYPES)];
}

function validateSliceBody(slice: EndpointSlice): FieldError[] {
  return [...validateAddressType(slice.addressType), ...validateEndpoints(slice), ...validatePorts(slice)];
}

/**
 * ValidateEndpointSliceCreate: metadata, addressType, endpoints and ports.
 * @example validateEndpointSlice({ metadata: { name: 's', namespace: 'd' }, addressType: 'IPv4', endpoints: [] })
 */
export function validateEndpointSlice(object: unknown): FieldError[] {
  const shapeErrors = checkShape(object, endpointSliceShape);
  if (shapeErrors.length > 0) return shapeErrors;
  const slice = (object ?? {}) as EndpointSlice;
  return [...validateObjectMeta(slice.metadata, true, nameIsDNSSubdomain), ...validateSliceBody(slice)];
}

/** ValidateEndpointSliceUpdate: metadata update rules, the body, and an addressType that never changes. */
export function validateEndpointSliceUpdate(object: unknown, old: unknown): FieldError[] {
  const shapeErrors = checkShape(object, endpointSliceShape);
  if (shapeErrors.length > 0) return shapeErrors;
  const slice = (object ?? {}) as EndpointSlice;
  const previous = (old ?? {}) as Partial<EndpointSlice>;
  return [
    ...validateObjectMetaUpdate(slice.metadata, previous.metadata),
    ...validateSliceBody(slice),
    ...validateImmutable(slice.addressType, previous.addressType, 'addressType', text(slice.addressType)),
  ];
}
