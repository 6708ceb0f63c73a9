/** Request bodies: JSON, YAML or Kubernetes protobuf in; always a plain JSON object out, or the Status to answer. */
import { parse as parseYaml } from 'yaml';
import { type Status, badRequest, unsupportedMediaType } from '../../api/status.ts';
import type { KubeObject } from '../registry/strategy.ts';
import { isRecord } from '../rest/objects.ts';
import { type Result, fail, ok } from '../rest/result.ts';
import { mediaTypeOf, objectMediaTypes } from './media.ts';

/** Turns a `k8s\0`-framed protobuf body into the JSON object it encodes; throws on a bad body. */
export type ProtobufDecoder = (bytes: Uint8Array) => unknown;

/** An error thrown by a decoder that carries the HTTP code to answer with (the protobuf decoder's errors do). */
interface CodedError {
  readonly message: string;
  readonly httpStatus: number;
}

function isCodedError(error: unknown): error is CodedError {
  return error instanceof Error && typeof (error as Partial<CodedError>).httpStatus === 'number';
}

function decodeFailure(what: string, error: unknown): Status {
  const message = error instanceof Error ? error.message : String(error);
  if (isCodedError(error) && error.httpStatus === 415) return unsupportedMediaType(objectMediaTypes);
  return badRequest(`${what}: ${message}`);
}

/** Parses JSON (or, with `yaml`, YAML — of which JSON is a subset) text into a value. */
export function parseText(text: string, yaml: boolean): Result<unknown> {
  try {
    return ok(yaml ? (parseYaml(text) as unknown) : (JSON.parse(text) as unknown));
  } catch (error) {
    return fail(decodeFailure(yaml ? 'error decoding YAML' : 'error decoding JSON', error));
  }
}

/** The object a create or update body holds, by its Content-Type. */
export function decodeObjectBody(
  contentType: string | undefined,
  body: Buffer | undefined,
  decodeProtobuf: ProtobufDecoder,
): Result<KubeObject> {
  const type = mediaTypeOf(contentType);
  if (body === undefined || body.length === 0) return fail(badRequest("Object 'Kind' is missing in ''"));
  let decoded: Result<unknown>;
  if (type === '' || type === 'application/json') decoded = parseText(body.toString('utf8'), false);
  else if (type === 'application/yaml') decoded = parseText(body.toString('utf8'), true);
  else if (type === 'application/vnd.kubernetes.protobuf') {
    try {
      decoded = ok(decodeProtobuf(body));
    } catch (error) {
      decoded = fail(decodeFailure('error decoding protobuf', error));
    }
  } else return fail(unsupportedMediaType(objectMediaTypes));
  if (!decoded.ok) return decoded;
  if (!isRecord(decoded.value)) return fail(badRequest('the request body must be a JSON object'));
  return ok(decoded.value as KubeObject);
}

/**
 * Checks (and fills in) kind and apiVersion against what the URL expects. Clients such as client-node send
 * bodies without them; a body of another kind or version is refused.
 */
export function checkTypeMeta(object: KubeObject, apiVersion: string, kind: string): Result<KubeObject> {
  const givenVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const givenKind = typeof object.kind === 'string' ? object.kind : '';
  if (givenVersion !== '' && givenVersion !== apiVersion) {
    return fail(
      badRequest(
        `the API version in the data (${givenVersion}) does not match the expected API version (${apiVersion})`,
      ),
    );
  }
  if (givenKind !== '' && givenKind !== kind) {
    return fail(badRequest(`the kind in the data (${givenKind}) does not match the expected kind (${kind})`));
  }
  return ok({ ...object, apiVersion, kind });
}
