import assert from 'node:assert/strict';
import { test } from 'node:test';
import { duplicate, invalid, required } from './field-errors.ts';
import { clusterIPService, nodePortService } from './service/test-fixtures.ts';
import { validateService } from './service/validation.ts';
import {
  alreadyExists,
  badRequest,
  conflict,
  formatKubectlError,
  internalError,
  invalidStatus,
  methodNotAllowed,
  notFound,
  unsupportedMediaType,
} from './status.ts';

const SERVICE = { kind: 'Service' };
const SERVICES = { resource: 'services' };

test('Invalid carries the Kind, one cause per error, and the aggregated message', () => {
  const status = invalidStatus(SERVICE, 'web-svc-dup', [
    invalid('spec.ports[0].nodePort', 31155, 'provided port is already allocated'),
  ]);
  assert.deepEqual(status, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message:
      'Service "web-svc-dup" is invalid: spec.ports[0].nodePort: Invalid value: 31155: provided port is already allocated',
    reason: 'Invalid',
    details: {
      name: 'web-svc-dup',
      kind: 'Service',
      causes: [
        {
          reason: 'FieldValueInvalid',
          message: 'Invalid value: 31155: provided port is already allocated',
          field: 'spec.ports[0].nodePort',
        },
      ],
    },
    code: 422,
  });
  assert.deepEqual(Object.keys(status), [
    'kind',
    'apiVersion',
    'metadata',
    'status',
    'message',
    'reason',
    'details',
    'code',
  ]);
});

test('several errors are bracketed in the message with repeats dropped; causes keep repeats', () => {
  const err = required('spec.ports[0].name');
  const status = invalidStatus({ kind: 'Deployment', group: 'apps' }, 'd', [
    err,
    err,
    duplicate('spec.ports[1].nodePort', 30100),
  ]);
  assert.equal(
    status.message,
    'Deployment.apps "d" is invalid: [spec.ports[0].name: Required value, spec.ports[1].nodePort: Duplicate value: 30100]',
  );
  assert.equal(status.details?.group, 'apps');
  assert.equal(status.details.causes?.length, 3);
  assert.deepEqual(status.details.causes[0], {
    reason: 'FieldValueRequired',
    message: 'Required value',
    field: 'spec.ports[0].name',
  });
});

test('resource errors use the resource plural and the group', () => {
  assert.deepEqual(notFound(SERVICES, 'web-svc'), {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'services "web-svc" not found',
    reason: 'NotFound',
    details: { name: 'web-svc', kind: 'services' },
    code: 404,
  });
  const deploy = notFound({ resource: 'deployments', group: 'apps' }, 'x');
  assert.equal(deploy.message, 'deployments.apps "x" not found');
  assert.deepEqual(deploy.details, { name: 'x', group: 'apps', kind: 'deployments' });
  assert.equal(alreadyExists(SERVICES, 'web-svc').code, 409);
  assert.equal(alreadyExists(SERVICES, 'web-svc').message, 'services "web-svc" already exists');
  const stale = conflict(SERVICES, 'kubernetes');
  assert.equal(stale.reason, 'Conflict');
  assert.equal(
    stale.message,
    'Operation cannot be fulfilled on services "kubernetes": the object has been modified; please apply your changes to the latest version and try again',
  );
});

test('the other constructors', () => {
  assert.deepEqual(
    badRequest('the namespace of the provided object does not match the namespace sent on the request'),
    {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the namespace of the provided object does not match the namespace sent on the request',
      reason: 'BadRequest',
      code: 400,
    },
  );
  const internal = internalError('failed to allocate a nodePort: range is full');
  assert.equal(internal.code, 500);
  assert.equal(internal.message, 'Internal error occurred: failed to allocate a nodePort: range is full');
  assert.deepEqual(internal.details, { causes: [{ message: 'failed to allocate a nodePort: range is full' }] });
  const media = unsupportedMediaType(['application/json', 'application/yaml']);
  assert.equal(media.code, 415);
  assert.equal(
    media.message,
    'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml',
  );
  const method = methodNotAllowed(SERVICES, 'deletecollection');
  assert.equal(method.code, 405);
  assert.equal(method.message, 'deletecollection is not supported on resources of kind "services"');
});

/** The §8 message catalogue, as kubectl prints it. */
test('kubectl rendering matches the message catalogue', () => {
  const multi = nodePortService(
    {
      ports: [
        { port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30100 },
        { port: 81, protocol: 'TCP', targetPort: 81, nodePort: 30100 },
      ],
    },
    { name: 'multi' },
  );
  const dupport = clusterIPService(
    {
      ports: [
        { name: 'a', port: 80, protocol: 'TCP', targetPort: 80 },
        { name: 'b', port: 80, protocol: 'TCP', targetPort: 80 },
      ],
    },
    { name: 'dupport' },
  );
  const cipnp = clusterIPService(
    { ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 }] },
    { name: 'cipnp' },
  );
  const badName = clusterIPService({}, { name: 'Bad_Name' });
  const rendered = [
    invalidStatus(SERVICE, 'web-svc-dup', [
      invalid('spec.ports[0].nodePort', 31155, 'provided port is already allocated'),
    ]),
    invalidStatus(SERVICE, 'web-svc-range', [
      invalid(
        'spec.ports[0].nodePort',
        80,
        'provided port is not in the valid range. The range of valid ports is 30000-32767',
      ),
    ]),
    invalidStatus(SERVICE, 'cipnp', validateService(cipnp)),
    invalidStatus(SERVICE, 'multi', validateService(multi)),
    invalidStatus(SERVICE, 'dupport', validateService(dupport)),
    invalidStatus(SERVICE, 'web-svc', [
      invalid('spec.clusterIPs[0]', { goSyntax: '[]string{"10.96.0.99"}' }, 'may not change once set'),
    ]),
    invalidStatus(SERVICE, 'Bad_Name', validateService(badName)),
  ].map((s) => formatKubectlError(s, { verb: 'creating', source: 'svc.yaml' }));
  rendered.push(formatKubectlError(notFound(SERVICES, 'web-svc')));
  rendered.push(formatKubectlError(alreadyExists(SERVICES, 'web-svc'), { verb: 'creating', source: 'svc.yaml' }));
  const catalogue = `The Service "web-svc-dup" is invalid: spec.ports[0].nodePort: Invalid value: 31155: provided port is already allocated
The Service "web-svc-range" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767
The Service "cipnp" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when \`type\` is 'ClusterIP'
The Service "multi" is invalid:
* spec.ports[0].name: Required value
* spec.ports[1].name: Required value
* spec.ports[1].nodePort: Duplicate value: 30100
The Service "dupport" is invalid: spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}
The Service "web-svc" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.99"}: may not change once set
The Service "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')
Error from server (NotFound): services "web-svc" not found
Error from server (AlreadyExists): error when creating "svc.yaml": services "web-svc" already exists`;
  // The catalogue was copied from a terminal, which dropped the trailing space kubectl prints after "invalid:".
  const trimmed = rendered
    .join('\n')
    .split('\n')
    .map((line) => line.trimEnd());
  assert.deepEqual(trimmed, catalogue.split('\n'));
  assert.ok(rendered[3]?.startsWith('The Service "multi" is invalid: \n* '), 'kubectl keeps the prefix space');
});

test('kubectl removes duplicate causes and handles the remaining reasons', () => {
  const err = invalid('spec.clusterIPs[0]', 'x', 'bad');
  assert.equal(
    formatKubectlError(invalidStatus(SERVICE, 'web', [err, err])),
    'The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: "x": bad',
  );
  assert.equal(
    formatKubectlError({ ...invalidStatus(SERVICE, 'web', []), details: { causes: [] } }),
    'The request is invalid: Service "web" is invalid',
  );
  const noDetails = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'bad',
    reason: 'Invalid',
    code: 422,
  } as const;
  assert.equal(formatKubectlError(noDetails), 'The request is invalid: bad');
  assert.equal(formatKubectlError(invalidStatus(SERVICE, 'web', [])), 'The Service "web" is invalid');
  assert.equal(
    formatKubectlError(conflict(SERVICES, 'kubernetes'), { verb: 'replacing', source: 'k.yaml' }),
    'Error from server (Conflict): error when replacing "k.yaml": Operation cannot be fulfilled on services "kubernetes": the object has been modified; please apply your changes to the latest version and try again',
  );
  assert.equal(
    formatKubectlError({ ...badRequest('nope'), reason: 'Unauthorized', code: 401 }),
    'error: You must be logged in to the server (nope)',
  );
  const withoutReason = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'odd',
    code: 400,
  } as const;
  assert.equal(formatKubectlError(withoutReason), 'Error from server: odd');
});
