/** Responses kube-apiserver sends outside any handler: unknown paths and failures of the HTTP layer itself. */
import { type Status, type StatusReason, internalError } from '../../api/status.ts';

/** 404 for a path no API serves, with kube-apiserver's words. */
export const pathNotFound: Status = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'the server could not find the requested resource',
  reason: 'NotFound',
  details: {},
  code: 404,
};

const reasons: Readonly<Record<number, StatusReason>> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
};

/** kube-apiserver's limit on request bodies (3 MiB). */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

/** The Status for an error the HTTP layer raised (body too large, bad framing): its own code for client errors. */
export function httpErrorStatus(error: { statusCode?: number; message: string }): Status {
  const code = error.statusCode ?? 500;
  if (code < 400 || code >= 500) return internalError('an unexpected error occurred while serving the request');
  const reason = reasons[code];
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    // A body over the limit gets upstream's words (fastify has its own).
    message: code === 413 ? `Request entity too large: limit is ${MAX_REQUEST_BODY_BYTES}` : error.message,
    ...(reason === undefined ? {} : { reason }),
    code,
  };
}

/** The deprecation warning upstream 1.33+ attaches to every core/v1 Endpoints response. */
export const endpointsWarning = '299 - "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice"';
