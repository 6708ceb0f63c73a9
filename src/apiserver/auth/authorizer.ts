/**
 * Authorization, as kube-apiserver with `--authorization-mode=Node,RBAC` decides for the users Portico has:
 * `system:masters` may do anything; a node (`system:node:<name>`) gets the rules of the `system:node` role and
 * kube-proxy's reads (Portico's node runs both), with its Lease limited the way the Node authorizer limits it.
 * Which Node, Pod or Lease a node may write is NodeRestriction's business (`node-restriction.ts`).
 */
import type { RequestAttributes } from './attributes.ts';
import { MASTERS_GROUP, type UserInfo } from './users.ts';

/** Allowed, or refused with the authorizer's reason (often empty, as RBAC gives none). */
export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

interface Rule {
  readonly group: string;
  /** `resource` or `resource/subresource`. */
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
}

const read = ['get', 'list', 'watch'];

/** What a node may do beyond its Lease, whatever the object's name. */
const nodeRules: readonly Rule[] = [
  { group: '', resources: ['services', 'endpoints', 'nodes', 'pods'], verbs: read },
  { group: 'discovery.k8s.io', resources: ['endpointslices'], verbs: read },
  { group: '', resources: ['nodes'], verbs: ['create', 'update', 'patch'] },
  { group: '', resources: ['nodes/status'], verbs: ['update', 'patch'] },
  { group: '', resources: ['pods'], verbs: ['create', 'delete'] },
  { group: '', resources: ['pods/status'], verbs: ['update', 'patch'] },
  { group: '', resources: ['events'], verbs: ['create', 'update', 'patch'] },
  { group: 'events.k8s.io', resources: ['events'], verbs: ['create', 'update', 'patch'] },
];

/** Paths every authenticated user may GET (upstream's `system:discovery` and `system:public-info-viewer`). */
const discoveryPaths = ['/api', '/apis', '/openapi', '/version', '/healthz', '/livez', '/readyz'];
const discoveryPrefixes = ['/api/', '/apis/', '/openapi/'];

/** The namespace node Leases live in. */
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

const allow: Decision = { allowed: true };
const deny = (reason = ''): Decision => ({ allowed: false, reason });

function ruleAllows(rule: Rule, attributes: RequestAttributes): boolean {
  const resource =
    attributes.subresource === '' ? attributes.resource : `${attributes.resource}/${attributes.subresource}`;
  return (
    rule.group === attributes.apiGroup && rule.resources.includes(resource) && rule.verbs.includes(attributes.verb)
  );
}

function allowsPath(attributes: RequestAttributes): boolean {
  if (attributes.verb !== 'get') return false;
  const path = attributes.path;
  return (
    discoveryPaths.includes(path) || path === '/version/' || discoveryPrefixes.some((prefix) => path.startsWith(prefix))
  );
}

// The Node authorizer's `authorizeLease`, with its reasons.
function authorizeLease(nodeName: string, attributes: RequestAttributes): Decision {
  if (!['get', 'create', 'update', 'patch', 'delete'].includes(attributes.verb)) {
    return deny('can only get, create, update, patch, or delete a node lease');
  }
  if (attributes.namespace !== NODE_LEASE_NAMESPACE) {
    return deny(`can only access leases in the "${NODE_LEASE_NAMESPACE}" system namespace`);
  }
  // The name of a create is in the body: NodeRestriction checks it.
  if (attributes.verb !== 'create' && attributes.name !== nodeName) {
    return deny('can only access node lease with the same name as the requesting node');
  }
  return allow;
}

function authorizeNode(nodeName: string, attributes: RequestAttributes): Decision {
  if (!attributes.isResourceRequest) return allowsPath(attributes) ? allow : deny();
  const isLease =
    attributes.apiGroup === 'coordination.k8s.io' && attributes.resource === 'leases' && attributes.subresource === '';
  if (isLease) return authorizeLease(nodeName, attributes);
  return nodeRules.some((rule) => ruleAllows(rule, attributes)) ? allow : deny();
}

/** Whether `user` may do what `attributes` describe. */
export function authorize(user: UserInfo, attributes: RequestAttributes): Decision {
  if (user.groups.includes(MASTERS_GROUP)) return allow;
  if (user.nodeName !== undefined) return authorizeNode(user.nodeName, attributes);
  return deny();
}
