/** What every resource handler receives and returns: a parsed request in, a status code and JSON body out. */
import type { Status } from '../../api/status.ts';
import type { ProtobufDecoder } from '../http/body.ts';
import type { RequestQuery } from '../http/query.ts';
import type { RegistryContext } from '../rest/context.ts';
import type { ResourceRoute } from '../routing/paths.ts';

/** The registry plus what the HTTP edge adds. */
export interface ServerContext extends RegistryContext {
  readonly decodeProtobuf: ProtobufDecoder;
}

/** A request for a served resource, parsed. */
export interface ApiRequest {
  readonly method: string;
  readonly route: ResourceRoute;
  readonly query: RequestQuery;
  readonly accept: string | undefined;
  readonly contentType: string | undefined;
  readonly body: Buffer | undefined;
}

/** A response to send as JSON. */
export interface ApiResponse {
  readonly code: number;
  readonly body: unknown;
  /** Defaults to `application/json`. */
  readonly contentType?: string;
}

/** The response for a failure. */
export function statusResponse(status: Status): ApiResponse {
  return { code: status.code, body: status };
}
