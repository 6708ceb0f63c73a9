/**
 * metav1.Status failures, built as k8s.io/apimachinery `api/errors` builds them, with the HTTP
 * code, reason, message and details kubectl and the client libraries read.
 */
import { aggregateMessage } from './aggregate.ts';
import { type FieldError, fieldErrorBody, fieldErrorString, goQuote } from './field-errors.ts';

export { formatKubectlError, type KubectlErrorContext } from './kubectl-errors.ts';

/** Reasons Portico returns (metav1.StatusReason). */
export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'InternalError'
  | 'UnsupportedMediaType'
  | 'MethodNotAllowed'
  | 'Unauthorized'
  | 'Forbidden'
  | 'Gone'
  | 'RequestEntityTooLarge'
  | 'Expired'
  | 'Timeout';

/** One cause of a failure; for Invalid, one field error. */
export interface StatusCause {
  readonly reason?: string;
  readonly message?: string;
  readonly field?: string;
}

/** What the failure is about. `kind` is the resource (plural) for most reasons, the Kind for Invalid. */
export interface StatusDetails {
  readonly name?: string;
  readonly group?: string;
  readonly kind?: string;
  readonly causes?: readonly StatusCause[];
}

/** A metav1.Status failure; serialize it as-is (its keys are in upstream's order). */
export interface Status {
  readonly kind: 'Status';
  readonly apiVersion: 'v1';
  readonly metadata: Readonly<Record<string, never>>;
  readonly status: 'Failure';
  readonly message?: string;
  readonly reason?: StatusReason;
  readonly details?: StatusDetails;
  readonly code: number;
}

/** A resource such as `services` or `deployments.apps`. */
export interface GroupResource {
  readonly resource: string;
  readonly group?: string;
}

/** A kind such as `Service` or `Deployment.apps`. */
export interface GroupKind {
  readonly kind: string;
  readonly group?: string;
}

/** The text upstream uses when a resourceVersion precondition fails. */
export const OPTIMISTIC_LOCK_ERROR_MSG =
  'the object has been modified; please apply your changes to the latest version and try again';

/** `services`, or `deployments.apps` outside the core group. */
export function qualifiedResource({ resource, group }: GroupResource): string {
  return group === undefined || group === '' ? resource : `${resource}.${group}`;
}

/** `Service`, or `Deployment.apps` outside the core group. */
export function qualifiedKind({ kind, group }: GroupKind): string {
  return group === undefined || group === '' ? kind : `${kind}.${group}`;
}

function failure(code: number, reason: StatusReason, message: string, details?: StatusDetails): Status {
  const base = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason } as const;
  return details === undefined ? { ...base, code } : { ...base, details, code };
}

function resourceDetails(gr: GroupResource, name?: string): StatusDetails {
  const group = gr.group === undefined || gr.group === '' ? {} : { group: gr.group };
  return { ...(name === undefined ? {} : { name }), ...group, kind: gr.resource };
}

/** 404 `services "x" not found` */
export function notFound(gr: GroupResource, name: string): Status {
  return failure(404, 'NotFound', `${qualifiedResource(gr)} ${goQuote(name)} not found`, resourceDetails(gr, name));
}

/** 409 `services "x" already exists` */
export function alreadyExists(gr: GroupResource, name: string): Status {
  return failure(
    409,
    'AlreadyExists',
    `${qualifiedResource(gr)} ${goQuote(name)} already exists`,
    resourceDetails(gr, name),
  );
}

/** 409 `Operation cannot be fulfilled on services "x": the object has been modified; ...` */
export function conflict(gr: GroupResource, name: string, detail: string = OPTIMISTIC_LOCK_ERROR_MSG): Status {
  const message = `Operation cannot be fulfilled on ${qualifiedResource(gr)} ${goQuote(name)}: ${detail}`;
  return failure(409, 'Conflict', message, resourceDetails(gr, name));
}

/**
 * 422 `Service "x" is invalid: <err>` (or `[<e1>, <e2>]`, repeats dropped); one cause per field
 * error, in order, repeats kept — kubectl removes them when it prints.
 */
export function invalidStatus(gk: GroupKind, name: string, errors: readonly FieldError[]): Status {
  const causes = errors.map((e): StatusCause => {
    const body = fieldErrorBody(e);
    return {
      reason: e.reason,
      ...(body === '' ? {} : { message: body }),
      ...(e.field === '' ? {} : { field: e.field }),
    };
  });
  const head = `${qualifiedKind(gk)} ${goQuote(name)} is invalid`;
  const message = errors.length === 0 ? head : `${head}: ${aggregateMessage(errors.map(fieldErrorString))}`;
  const group = gk.group === undefined || gk.group === '' ? {} : { group: gk.group };
  return failure(422, 'Invalid', message, { name, ...group, kind: gk.kind, causes });
}

/** 400 with a free-text message. */
export function badRequest(message: string): Status {
  return failure(400, 'BadRequest', message);
}

/** 500 `Internal error occurred: <message>`, the message also as the single cause. */
export function internalError(message: string): Status {
  return failure(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
}

/** 415 `the body of the request was in an unknown format - accepted media types include: ...` */
export function unsupportedMediaType(accepted: readonly string[]): Status {
  const message = `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`;
  return failure(415, 'UnsupportedMediaType', message);
}

/** 405 `<ACTION> is not supported on resources of kind "services"` */
export function methodNotAllowed(gr: GroupResource, action: string): Status {
  const message = `${action} is not supported on resources of kind ${goQuote(qualifiedResource(gr))}`;
  return failure(405, 'MethodNotAllowed', message, resourceDetails(gr));
}
