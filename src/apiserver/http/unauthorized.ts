/** The 401 kube-apiserver answers a request without valid credentials (`http/auth.ts` decides when). */
import type { Status } from '../../api/status.ts';

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
