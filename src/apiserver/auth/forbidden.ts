/** The 403 Status kube-apiserver answers when authorization or an admission plugin refuses a request. */
import { type Status, qualifiedResource } from '../../api/status.ts';
import { goQuote } from '../../api/field-errors.ts';
import type { RequestAttributes } from './attributes.ts';
import type { UserInfo } from './users.ts';

/** `apierrors.NewForbidden`: `pods "x" is forbidden: <why>`, `pods is forbidden: ...`, or `forbidden: ...`. */
export function forbiddenStatus(resource: string, group: string, name: string, why: string): Status {
  const qualified = qualifiedResource({ resource, group });
  const message =
    resource === '' && group === ''
      ? `forbidden: ${why}`
      : name === ''
        ? `${qualified} is forbidden: ${why}`
        : `${qualified} ${goQuote(name)} is forbidden: ${why}`;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Forbidden',
    details: {
      ...(name === '' ? {} : { name }),
      ...(group === '' ? {} : { group }),
      ...(resource === '' ? {} : { kind: resource }),
    },
    code: 403,
  };
}

/** Upstream's `forbiddenMessage`: `User "u" cannot update resource "nodes" in API group "" at the cluster scope`. */
export function forbiddenMessage(user: UserInfo, attributes: RequestAttributes): string {
  const who = `User ${goQuote(user.name)} cannot ${attributes.verb}`;
  if (!attributes.isResourceRequest) return `${who} path ${goQuote(attributes.path)}`;
  const resource =
    attributes.subresource === '' ? attributes.resource : `${attributes.resource}/${attributes.subresource}`;
  const what = `${who} resource ${goQuote(resource)} in API group ${goQuote(attributes.apiGroup)}`;
  return attributes.namespace === ''
    ? `${what} at the cluster scope`
    : `${what} in the namespace ${goQuote(attributes.namespace)}`;
}

/** The Status of a request the authorizer refused; `reason` (may be empty) is the authorizer's explanation. */
export function authorizationDenied(user: UserInfo, attributes: RequestAttributes, reason: string): Status {
  const message = forbiddenMessage(user, attributes);
  const why = reason === '' ? message : `${message}: ${reason}`;
  return forbiddenStatus(attributes.resource, attributes.apiGroup, attributes.name, why);
}

/** The Status of a request an admission plugin refused (`admission.NewForbidden`). */
export function admissionDenied(attributes: RequestAttributes, name: string, why: string): Status {
  return forbiddenStatus(attributes.resource, attributes.apiGroup, name, why);
}
