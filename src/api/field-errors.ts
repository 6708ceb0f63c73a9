/**
 * Field-path errors, the currency of validation and allocation (apimachinery's `field.Error`).
 * They stay plain data until the HTTP edge or the CLI turns them into a `Status` or kubectl's lines.
 */

/** The error kinds, named by the `reason` they get as a `Status` cause. */
export type FieldErrorReason =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

/** A value rendered the way Go's `%#v` would print it, e.g. `[]string{"10.96.0.99"}`. */
export interface GoLiteral {
  readonly goSyntax: string;
}

/** The offending value: numbers and booleans print as `%v`, strings as `%q`, literals verbatim. */
export type BadValue = string | number | boolean | GoLiteral;

/** One validation failure at one field path, e.g. `spec.ports[0].nodePort`. */
export interface FieldError {
  readonly reason: FieldErrorReason;
  readonly field: string;
  readonly badValue?: BadValue;
  readonly detail: string;
}

/** The words Go prints for each reason, before the value and detail. */
const typeWords: Record<FieldErrorReason, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** Reasons whose message never shows the value, as in apimachinery. */
const valuelessReasons = new Set<FieldErrorReason>([
  'FieldValueRequired',
  'FieldValueForbidden',
  'FieldValueTooLong',
  'InternalError',
]);

/** `spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive` */
export function invalid(field: string, badValue: BadValue, detail: string): FieldError {
  return { reason: 'FieldValueInvalid', field, badValue, detail };
}

/** `spec.ports: Required value` */
export function required(field: string, detail = ''): FieldError {
  return { reason: 'FieldValueRequired', field, detail };
}

/** `spec.ports[0].nodePort: Forbidden: may not be used when ...` */
export function forbidden(field: string, detail: string): FieldError {
  return { reason: 'FieldValueForbidden', field, detail };
}

/** `spec.ports[1].nodePort: Duplicate value: 30100` */
export function duplicate(field: string, badValue: BadValue): FieldError {
  return { reason: 'FieldValueDuplicate', field, badValue, detail: '' };
}

/** `spec.type: Unsupported value: "X": supported values: "ClusterIP", ...` */
export function notSupported(field: string, badValue: BadValue, supported: readonly string[]): FieldError {
  const detail = supported.length > 0 ? `supported values: ${supported.map(goQuote).join(', ')}` : '';
  return { reason: 'FieldValueNotSupported', field, badValue, detail };
}

/** `metadata.name: Too long: may not be more than 63 bytes` */
export function tooLong(field: string, maxLength: number): FieldError {
  return { reason: 'FieldValueTooLong', field, detail: `may not be more than ${maxLength} bytes` };
}

/** `endpoints: Too many: 1001: must have at most 1000 items` */
export function tooMany(field: string, actual: number, max: number): FieldError {
  return { reason: 'FieldValueTooMany', field, badValue: actual, detail: `must have at most ${String(max)} items` };
}

/** `ports[0].name: Not found: "x"` */
export function notFound(field: string, badValue: BadValue): FieldError {
  return { reason: 'FieldValueNotFound', field, badValue, detail: '' };
}

/** `field: Internal error: detail` */
export function internal(field: string, detail: string): FieldError {
  return { reason: 'InternalError', field, detail };
}

/** Wraps a pre-rendered Go `%#v` literal so it prints verbatim. */
export function goLiteral(goSyntax: string): GoLiteral {
  return { goSyntax };
}

/** Go's `%#v` of a `[]string`: `[]string{"a", "b"}`. */
export function goStringSlice(values: readonly string[]): GoLiteral {
  return goLiteral(`[]string{${values.map(goQuote).join(', ')}}`);
}

/** Go's `%q` for the strings Kubernetes validates (JSON escaping agrees with Go for printable text). */
export function goQuote(value: string): string {
  return JSON.stringify(value);
}

function renderBadValue(value: BadValue): string {
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value.goSyntax;
}

/** The message of a cause, without the field: `Invalid value: 31155: provided port is already allocated`. */
export function fieldErrorBody(error: FieldError): string {
  let body = typeWords[error.reason];
  if (!valuelessReasons.has(error.reason) && error.badValue !== undefined) {
    body += `: ${renderBadValue(error.badValue)}`;
  }
  if (error.detail !== '') body += `: ${error.detail}`;
  return body;
}

/** The whole error as Go's `Error()` prints it: `<field>: <body>`. */
export function fieldErrorString(error: FieldError): string {
  return error.field === '' ? fieldErrorBody(error) : `${error.field}: ${fieldErrorBody(error)}`;
}
