/** The query parameters the API understands, read once per request into typed options. */
import { badRequest } from '../../api/status.ts';
import type { IncludeObject } from '../tables/index.ts';
import { type Result, fail, ok } from '../rest/result.ts';
import { optionalQueryBool, optionalQueryInt, queryBool } from './query-values.ts';

/** A request's options, as its query string gives them. */
export interface RequestQuery {
  readonly watch: boolean;
  readonly resourceVersion?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly allowWatchBookmarks: boolean;
  readonly sendInitialEvents?: boolean;
  /** Seconds; 0 means the server's default, a negative value ends the watch at once (as upstream's timer does). */
  readonly timeoutSeconds?: number;
  /** DeleteOptions' `gracePeriodSeconds` given in the query (the body's wins when both are given). */
  readonly gracePeriodSeconds?: number;
  readonly dryRun: boolean;
  readonly fieldManager?: string;
  readonly force: boolean;
  readonly includeObject: IncludeObject;
  readonly propagationPolicy?: string;
}

function optional<K extends string>(key: K, value: string | null): Partial<Record<K, string>> {
  return value === null ? {} : ({ [key]: value } as Record<K, string>);
}

function includeObject(value: string | null): IncludeObject {
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}

/** The int64 parameters: each must parse as Go's ParseInt or the request is a 400 (`limit` is checked, then ignored). */
function parseIntegers(params: URLSearchParams): Result<{ timeoutSeconds?: number; gracePeriodSeconds?: number }> {
  const timeout = optionalQueryInt(params, 'timeoutSeconds');
  if (!timeout.ok) return timeout;
  const grace = optionalQueryInt(params, 'gracePeriodSeconds');
  if (!grace.ok) return grace;
  const limit = optionalQueryInt(params, 'limit');
  if (!limit.ok) return limit;
  return ok({
    ...(timeout.value === undefined ? {} : { timeoutSeconds: timeout.value }),
    ...(grace.value === undefined ? {} : { gracePeriodSeconds: grace.value }),
  });
}

function parseDryRun(values: readonly string[]): Result<boolean> {
  for (const value of values) {
    if (value !== 'All')
      return fail(badRequest(`Unsupported value: ${JSON.stringify(value)}: supported values: "All"`));
  }
  return ok(values.length > 0);
}

/** The parameters of a raw request URL, or undefined when it does not parse. */
function queryParams(url: string): URLSearchParams | undefined {
  const start = url.indexOf('?');
  if (start === -1) return new URLSearchParams();
  try {
    return new URLSearchParams(url.slice(start + 1));
  } catch {
    return undefined;
  }
}

/** Reads the query string of `url` (the raw request URL). */
export function parseQuery(url: string): Result<RequestQuery> {
  const params = queryParams(url);
  if (params === undefined) return fail(badRequest('invalid query string'));
  const integers = parseIntegers(params);
  if (!integers.ok) return integers;
  const dryRun = parseDryRun(params.getAll('dryRun'));
  if (!dryRun.ok) return dryRun;
  const sendInitialEvents = optionalQueryBool(params, 'sendInitialEvents');
  return ok({
    watch: queryBool(params, 'watch'),
    ...optional('resourceVersion', params.get('resourceVersion')),
    ...optional('labelSelector', params.get('labelSelector')),
    ...optional('fieldSelector', params.get('fieldSelector')),
    allowWatchBookmarks: queryBool(params, 'allowWatchBookmarks'),
    ...(sendInitialEvents === undefined ? {} : { sendInitialEvents }),
    ...integers.value,
    dryRun: dryRun.value,
    ...optional('fieldManager', params.get('fieldManager')),
    force: queryBool(params, 'force'),
    includeObject: includeObject(params.get('includeObject')),
    ...optional('propagationPolicy', params.get('propagationPolicy')),
  });
}
