/** Shaping responses: an object, a List, or — when the client asks — a meta.k8s.io Table. */
import type { KubeObject } from '../registry/strategy.ts';
import { type ResourceInfo, groupVersion } from '../resources.ts';
import { toTable } from '../tables/index.ts';
import { tableContentType, wantsTable } from '../http/media.ts';
import type { ApiRequest, ApiResponse } from './types.ts';

function resourceVersionOf(object: KubeObject): string | undefined {
  const value = object.metadata?.['resourceVersion'];
  return typeof value === 'string' ? value : undefined;
}

/** A single object (or its one-row Table) with `code`. */
export function objectResponse(
  request: Pick<ApiRequest, 'accept' | 'query'>,
  info: ResourceInfo,
  object: KubeObject,
  code: number,
  now: Date,
): ApiResponse {
  if (!wantsTable(request.accept)) return { code, body: object };
  const rv = resourceVersionOf(object);
  const table = toTable([object], {
    kind: info.kind,
    includeObject: request.query.includeObject,
    now,
    ...(rv === undefined ? {} : { resourceVersion: rv }),
  });
  return { code, body: table, contentType: tableContentType };
}

/** An item as lists carry it: without kind and apiVersion (built-in lists leave them out). */
export function listItem(object: KubeObject): KubeObject {
  const item = { ...object };
  delete item.kind;
  delete item.apiVersion;
  return item;
}

/** A `<Kind>List` (or a Table of it) read at `revision`. */
export function listResponse(
  request: Pick<ApiRequest, 'accept' | 'query'>,
  info: ResourceInfo,
  items: readonly KubeObject[],
  revision: number,
  now: Date,
): ApiResponse {
  const resourceVersion = String(revision);
  if (wantsTable(request.accept)) {
    const table = toTable(items, {
      kind: info.kind,
      resourceVersion,
      includeObject: request.query.includeObject,
      now,
    });
    return { code: 200, body: table, contentType: tableContentType };
  }
  return {
    code: 200,
    body: {
      kind: `${info.kind}List`,
      apiVersion: groupVersion(info),
      metadata: { resourceVersion },
      items: items.map(listItem),
    },
  };
}
