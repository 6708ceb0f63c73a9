/** Request bodies: JSON, YAML or Kubernetes protobuf in; always a plain JSON object out, or the Status to answer. */
import { parse as parseYaml } from 'yaml';
import { type Status, badRequest, unsupportedMediaType } from '../../api/status.ts';
import type { KubeObject } from '../registry/strategy.ts';
import { isRecord } from '../rest/objects.ts';
import { type Result, fail, ok } from '../rest/result.ts';
import { MAX_OBJECT_DEPTH, firstTooDeep, maxDepthMessage } from './go-json.ts';
import { mediaTypeOf, objectMediaTypes } from './media.ts';
import { objectMetaTypeError, typeMetaTypeError } from './object-meta-types.ts';
import { schemaTypeError } from './schema-types.ts';

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

/** The Go scanner's error when `value` nests deeper than Portico keeps, else undefined. */
export function depthError(value: unknown): string | undefined {
  const opening = firstTooDeep(value, MAX_OBJECT_DEPTH);
  return opening === undefined ? undefined : maxDepthMessage(opening);
}

/**
 * Parses JSON (or, with `yaml`, YAML — of which JSON is a subset) text into a value; input nested deeper than
 * `MAX_OBJECT_DEPTH` is refused with the Go scanner's words.
 */
export function parseText(text: string, yaml: boolean): Result<unknown> {
  const parsed = parseUnchecked(text, yaml);
  if (!parsed.ok) return parsed;
  const tooDeep = depthError(parsed.value);
  const what = yaml ? 'error decoding YAML' : 'error decoding JSON';
  return tooDeep === undefined ? parsed : fail(badRequest(`${what}: ${tooDeep}`));
}

/** JSON or YAML text parsed, its depth not yet checked (the caller must). */
function parseUnchecked(text: string, yaml: boolean): Result<unknown> {
  try {
    return ok(yaml ? (parseYaml(text) as unknown) : (JSON.parse(text) as unknown));
  } catch (error) {
    return fail(decodeFailure(yaml ? 'error decoding YAML' : 'error decoding JSON', error));
  }
}

/** The object a create or update body holds, by its Content-Type; its depth is left for the caller to check. */
export function decodeObjectBody(
  contentType: string | undefined,
  body: Buffer | undefined,
  decodeProtobuf: ProtobufDecoder,
): Result<KubeObject> {
  const type = mediaTypeOf(contentType);
  if (body === undefined || body.length === 0) return fail(badRequest("Object 'Kind' is missing in ''"));
  let decoded: Result<unknown>;
  if (type === '' || type === 'application/json') decoded = parseUnchecked(body.toString('utf8'), false);
  else if (type === 'application/yaml') decoded = parseUnchecked(body.toString('utf8'), true);
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

/** The first 30 bytes of a body, as upstream's `summarizeData` quotes a body it could not decode. */
function summarize(body: Buffer): string {
  if (body.length === 0) return '<empty>';
  const head = body.subarray(0, 30);
  const shown = body[0] === 0x7b ? head.toString('utf8') : head.toString('hex');
  return body.length > 30 ? `${shown} ...` : shown;
}

/** The kind and version a body is decoded as. */
export interface TypedTarget {
  readonly apiVersion: string;
  readonly kind: string;
}

/**
 * A create or update body decoded as `target`: kind and apiVersion checked (and filled in), and the JSON types of
 * `metadata` checked before anything reads them. Failures are 400s in upstream's `transformDecodeError` words.
 */
export function decodeTypedBody(
  contentType: string | undefined,
  body: Buffer | undefined,
  decodeProtobuf: ProtobufDecoder,
  target: TypedTarget,
): Result<KubeObject> {
  const decoded = decodeObjectBody(contentType, body, decodeProtobuf);
  if (!decoded.ok) return decoded;
  const unrecognized = (why: string): Result<KubeObject> =>
    fail(
      badRequest(
        `the object provided is unrecognized (must be of type ${target.kind}): ${why} (${summarize(body ?? Buffer.alloc(0))})`,
      ),
    );
  const tooDeep = depthError(decoded.value);
  if (tooDeep !== undefined) return unrecognized(`couldn't get version/kind; json parse error: ${tooDeep}`);
  const typeMeta = typeMetaTypeError(decoded.value);
  if (typeMeta !== undefined) return unrecognized(typeMeta);
  const typed = checkTypeMeta(decoded.value, target.apiVersion, target.kind);
  if (!typed.ok) return typed;
  const metaError =
    objectMetaTypeError(typed.value, target.kind) ?? schemaTypeError(typed.value, target.apiVersion, target.kind);
  if (metaError === undefined) return typed;
  const version = target.apiVersion.slice(target.apiVersion.indexOf('/') + 1);
  return fail(
    badRequest(
      `${target.kind} in version ${JSON.stringify(version)} cannot be handled as a ${target.kind}: ${metaError}`,
    ),
  );
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
