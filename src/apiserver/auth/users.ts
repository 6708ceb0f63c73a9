/**
 * Who a request comes from: bearer tokens mapped to users. The admin token is a member of `system:masters`; a node
 * token (`src/client/node-credentials.ts`) is `system:node:<name>` in `system:nodes`, as the Node authorizer
 * expects kubelets to be.
 */
import { kubeletClientToken, sameSecret, verifyNodeToken } from '../../client/node-credentials.ts';

/** An authenticated user. */
export interface UserInfo {
  readonly name: string;
  readonly groups: readonly string[];
  /** Set for node identities: the Node this user is. */
  readonly nodeName?: string;
}

/** The group whose members may do anything. */
export const MASTERS_GROUP = 'system:masters';
/** The group of node identities. */
export const NODES_GROUP = 'system:nodes';

const adminUser: UserInfo = { name: 'admin', groups: [MASTERS_GROUP, 'system:authenticated'] };

/** The user of node `nodeName`. */
export function nodeUser(nodeName: string): UserInfo {
  return { name: `system:node:${nodeName}`, groups: [NODES_GROUP, 'system:authenticated'], nodeName };
}

/** The token of an `Authorization: Bearer <token>` header, if that is what it holds. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
}

/** Maps a request's Authorization header to its user; undefined answers 401. */
export type Authenticator = (authorization: string | undefined) => UserInfo | undefined;

/** The authenticator of a server whose admin token is `adminToken`: that token, and the node tokens it issued. */
export function tokenAuthenticator(adminToken: string): Authenticator {
  const kubeletClient = kubeletClientToken(adminToken);
  return (authorization) => {
    const token = bearerToken(authorization);
    if (token === undefined) return undefined;
    if (sameSecret(token, adminToken)) return adminUser;
    const nodeName = verifyNodeToken(kubeletClient, token);
    return nodeName === undefined ? undefined : nodeUser(nodeName);
  };
}
