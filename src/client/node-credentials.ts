/**
 * The credentials between the API server and its nodes, shared by both ends (a node must not import the server).
 *
 * - The **kubelet-client token** is what the API server presents to a node's kubelet endpoint (upstream's
 *   `--kubelet-client-certificate`): an HMAC of the server's admin token, so it is a value of its own that neither
 *   admin nor node requests carry.
 * - A **node token** (`node:<name>:<mac>`) identifies `system:node:<name>`: the mac is an HMAC of the node name keyed
 *   with the kubelet-client token. Only the server can issue one; and a node, holding only its own token, can check
 *   that a caller knows the kubelet-client token (the mac of its own name must come out) without being able to
 *   compute that token itself, or any other node's token.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const kubeletClientLabel = 'portico kube-apiserver-kubelet-client';

// Node names are DNS subdomains, so `:` cannot be part of one.
const nodeTokenPattern = /^node:([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?):([0-9a-f]{64})$/;

function hmacHex(key: string, message: string): string {
  return createHmac('sha256', key).update(message).digest('hex');
}

/** Constant-time equality of two strings. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token the API server sends to kubelet endpoints, derived from its admin token. */
export function kubeletClientToken(adminToken: string): string {
  return hmacHex(adminToken, kubeletClientLabel);
}

/** The bearer token of node `nodeName`, issued with the server's kubelet-client token. */
export function issueNodeToken(kubeletClient: string, nodeName: string): string {
  return `node:${nodeName}:${hmacHex(kubeletClient, `system:node:${nodeName}`)}`;
}

/** The node name and mac of a token shaped like a node token (not yet verified), else undefined. */
export function parseNodeToken(token: string): { readonly nodeName: string; readonly mac: string } | undefined {
  const match = nodeTokenPattern.exec(token);
  if (match?.[1] === undefined || match[3] === undefined) return undefined;
  return { nodeName: match[1], mac: match[3] };
}

/** The node a bearer token authenticates as, when it is a node token the server issued; else undefined. */
export function verifyNodeToken(kubeletClient: string, token: string): string | undefined {
  const parsed = parseNodeToken(token);
  if (parsed === undefined) return undefined;
  return sameSecret(token, issueNodeToken(kubeletClient, parsed.nodeName)) ? parsed.nodeName : undefined;
}

/**
 * Whether `presented` is the kubelet-client token, judged by a kubelet that holds `ownToken` (its kubeconfig
 * user's): a node token checks the mac of its name; any other token (a node run with the admin kubeconfig) checks
 * the derivation from it. The own token itself is never accepted.
 */
export function isKubeletClientToken(ownToken: string, presented: string): boolean {
  if (ownToken === '' || presented === '') return false;
  const node = parseNodeToken(ownToken);
  if (node === undefined) return sameSecret(presented, kubeletClientToken(ownToken));
  return sameSecret(ownToken, issueNodeToken(presented, node.nodeName));
}
