/** The query parameters the API understands, read once per request into typed options. */
import { badRequest } from '../../api/status.ts';
import type { IncludeObject } from '../tables/index.ts';
import { type Result, fail, ok } from '../rest/result.ts';

/** A request's options, as its query string gives them. */
export interface RequestQuery {
  readonly watch: boolean;
  readonly resourceVersion?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly allowWatchBookmarks: boolean;
  readonly sendInitialEvents?: boolean;
  readonly timeoutSeconds?: number;
  readonly dryRun: boolean;
  readonly fieldManager?: string;
  readonly force: boolean;
  readonly includeObject: IncludeObject;
  readonly propagationPolicy?: string;
}

function flag(value: string | null): boolean {
  return value === 'true' || value === '1';
}

function optional<K extends string>(key: K, value: string | null): Partial<Record<K, string>> {
  return value === null ? {} : ({ [key]: value } as Record<K, string>);
}

function includeObject(value: string | null): IncludeObject {
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}

function parseTimeout(value: string | null): Result<{ timeoutSeconds?: number }> {
  if (value === null || value === '') return ok({});
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 0) {
    return fail(badRequest(`invalid value for timeoutSeconds: ${JSON.stringify(value)}`));
  }
  return ok({ timeoutSeconds: seconds });
}

function parseDryRun(values: readonly string[]): Result<boolean> {
  for (const value of values) {
    if (value !== 'All')
      return fail(badRequest(`Unsupported value: ${JSON.stringify(value)}: supported values: "All"`));
  }
  return ok(values.length > 0);
}

/** Reads the query string of `url` (the raw request URL). */
export function parseQuery(url: string): Result<RequestQuery> {
  const params = new URL(url, 'http://localhost').searchParams;
  const timeout = parseTimeout(params.get('timeoutSeconds'));
  if (!timeout.ok) return timeout;
  const dryRun = parseDryRun(params.getAll('dryRun'));
  if (!dryRun.ok) return dryRun;
  const sendInitialEvents = params.get('sendInitialEvents');
  return ok({
    watch: flag(params.get('watch')),
    ...optional('resourceVersion', params.get('resourceVersion')),
    ...optional('labelSelector', params.get('labelSelector')),
    ...optional('fieldSelector', params.get('fieldSelector')),
    allowWatchBookmarks: flag(params.get('allowWatchBookmarks')),
    ...(sendInitialEvents === null ? {} : { sendInitialEvents: flag(sendInitialEvents) }),
    ...timeout.value,
    dryRun: dryRun.value,
    ...optional('fieldManager', params.get('fieldManager')),
    force: flag(params.get('force')),
    includeObject: includeObject(params.get('includeObject')),
    ...optional('propagationPolicy', params.get('propagationPolicy')),
  });
}
