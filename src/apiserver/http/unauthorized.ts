/** Bearer-token authentication, and the 401 kube-apiserver answers without a valid token. */
import { timingSafeEqual } from 'node:crypto';
import type { Status } from '../../api/status.ts';

/** Paths answered without credentials, as kube-apiserver's health checks are. */
export const unauthenticatedPaths = new Set(['/livez', '/readyz', '/healthz']);

/** The Status of a request without valid credentials. */
export const unauthorizedStatus: Status = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'Unauthorized',
  reason: 'Unauthorized',
  code: 401,
};

/** Whether the Authorization header carries `token` as a bearer token (compared in constant time). */
export function hasBearerToken(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (match?.[1] === undefined) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
