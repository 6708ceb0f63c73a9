/**
 * Renders values the way apimachinery prints a field error's bad value when it is not a plain
 * string or number: Go's `%#v` for slices and structs, `"null"` for nil pointers.
 */
import { type BadValue, type GoLiteral, goLiteral, goQuote, goStringSlice } from './field-errors.ts';

/** A nil pointer prints as the string `"null"`; a set one prints its value. */
export function goPointer(value: string | undefined): BadValue {
  return value ?? 'null';
}

/** `[]string{"a"}`, or `[]string(nil)` when the field was absent. */
export function goStringSliceOrNil(values: readonly string[] | undefined): GoLiteral {
  return values === undefined ? goLiteral('[]string(nil)') : goStringSlice(values);
}

/** A slice of a named string type, e.g. `[]core.IPFamily{"IPv4"}` or `[]core.IPFamily(nil)`. */
export function goTypedStringSlice(typeName: string, values: readonly string[] | undefined): GoLiteral {
  if (values === undefined) return goLiteral(`[]${typeName}(nil)`);
  return goLiteral(`[]${typeName}{${values.map(goQuote).join(', ')}}`);
}

/**
 * The duplicate-port key validation reports: a `core.ServicePort` with only protocol and port set,
 * e.g. `core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, ...}`.
 */
export function goServicePortKey(protocol: string, port: number): GoLiteral {
  return goLiteral(
    `core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${port}, ` +
      'TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
  );
}

/** Go's string ordering (bytewise UTF-8), for sorts that must match sort.Strings. */
export function compareGoStrings(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
