/** Errors raised while reading or writing Kubernetes protobuf bodies, each with a stable code. */

/** Stable error codes, one per kind of failure. */
export type ProtobufErrorCode =
  | 'PROTOBUF_BAD_MAGIC'
  | 'PROTOBUF_TRUNCATED'
  | 'PROTOBUF_MALFORMED'
  | 'PROTOBUF_UNKNOWN_KIND'
  | 'PROTOBUF_UNSUPPORTED_ENCODING'
  | 'PROTOBUF_BAD_VALUE';

/**
 * The HTTP status the edge should answer with: a kind or content encoding this server cannot read
 * as protobuf is an unsupported media type (the client may send JSON instead); anything else is a
 * malformed request.
 */
const HTTP_STATUS: Readonly<Record<ProtobufErrorCode, 400 | 415>> = {
  PROTOBUF_BAD_MAGIC: 400,
  PROTOBUF_TRUNCATED: 400,
  PROTOBUF_MALFORMED: 400,
  PROTOBUF_UNKNOWN_KIND: 415,
  PROTOBUF_UNSUPPORTED_ENCODING: 415,
  PROTOBUF_BAD_VALUE: 400,
};

/** A body that cannot be decoded (or an object that cannot be encoded); `path` names the field. */
export class ProtobufError extends Error {
  readonly code: ProtobufErrorCode;
  /** The HTTP status for a `metav1.Status` built from this error. */
  readonly httpStatus: 400 | 415;
  readonly path: string | undefined;

  constructor(code: ProtobufErrorCode, message: string, path?: string) {
    super(path === undefined || path === '' ? message : `${path}: ${message}`);
    this.name = 'ProtobufError';
    this.code = code;
    this.httpStatus = HTTP_STATUS[code];
    this.path = path;
  }
}

/**
 * protobufjs's Reader throws a RangeError when it reads past the end and a plain Error for a bad
 * varint or wire type; both become a ProtobufError blamed on `path`.
 */
export function fromReaderError(error: unknown, path: string): ProtobufError {
  if (error instanceof ProtobufError) return error;
  if (error instanceof RangeError) {
    return new ProtobufError('PROTOBUF_TRUNCATED', 'unexpected end of data (truncated message)', path);
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new ProtobufError('PROTOBUF_MALFORMED', reason, path);
}
