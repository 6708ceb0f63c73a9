/**
 * A minimal OpenAPI v3: one PATCH operation per served kind that declares the `fieldValidation` parameter. kubectl
 * (1.29+) then validates on the server (`fieldValidation=Strict`) instead of downloading schemas. Strategic merge is
 * left out of the content types on purpose, so kubectl computes apply patches from its compiled-in types.
 */
import { createHash } from 'node:crypto';
import { type ResourceInfo, namedGroups, resources } from '../resources.ts';

function documentPath(group: string): string {
  return group === '' ? 'api/v1' : `apis/${group}/v1`;
}

function itemPath(info: ResourceInfo): string {
  const prefix = info.group === '' ? '/api/v1' : `/apis/${info.group}/v1`;
  const namespace = info.namespaced ? '/namespaces/{namespace}' : '';
  return `${prefix}${namespace}/${info.plural}/{name}`;
}

function patchOperation(info: ResourceInfo): Record<string, unknown> {
  const query = (name: string): Record<string, unknown> => ({ name, in: 'query', schema: { type: 'string' } });
  return {
    'x-kubernetes-group-version-kind': { group: info.group, version: info.version, kind: info.kind },
    parameters: [query('dryRun'), query('fieldManager'), query('fieldValidation'), query('force')],
    requestBody: {
      content: {
        'application/json-patch+json': {},
        'application/merge-patch+json': {},
        'application/apply-patch+yaml': {},
      },
    },
    responses: { '200': { description: 'OK' } },
  };
}

/** The OpenAPI v3 document of one group version, or undefined when the group is not served. */
export function openAPIGroupDocument(group: string, serverVersion: string): Record<string, unknown> | undefined {
  const served = resources.filter((r) => r.group === group);
  if (served.length === 0) return undefined;
  const paths = Object.fromEntries(served.map((info) => [itemPath(info), { patch: patchOperation(info) }]));
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: serverVersion },
    components: { schemas: {} },
    paths,
  };
}

/** A content hash for a document, so kubectl's OpenAPI cache notices when it changes. */
function documentHash(document: unknown): string {
  return createHash('sha512').update(JSON.stringify(document)).digest('hex').slice(0, 128).toUpperCase();
}

/** `/openapi/v3`: where each group version's document lives. */
export function openAPIIndex(serverVersion: string): Record<string, unknown> {
  const groups = ['', ...namedGroups()];
  const paths = Object.fromEntries(
    groups.map((group) => {
      const hash = documentHash(openAPIGroupDocument(group, serverVersion));
      return [documentPath(group), { serverRelativeURL: `/openapi/v3/${documentPath(group)}?hash=${hash}` }];
    }),
  );
  return { paths };
}

/** The group named by an OpenAPI v3 document path (`api/v1` → core, `apis/apps/v1` → apps). */
export function groupOfOpenAPIPath(path: string): string | undefined {
  if (path === 'api/v1') return '';
  const match = /^apis\/([^/]+)\/v1$/.exec(path);
  return match?.[1];
}
