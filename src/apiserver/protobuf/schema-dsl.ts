/**
 * The small language the schema files are written in. One message is a record from the JSON field
 * name (which is also the upstream proto field name) to `'<number> <type> [flags]'`, listed in Go
 * struct order, which is the key order of the JSON the decoder produces:
 *
 * - type: `string`, `bytes`, `bool`, `int32`, `int64`, a message (`Container`, or `meta.Time` for
 *   another package), `[]T` for a repeated field, `map<T>` for a `map<string, T>`;
 * - `ptr`: the Go field is a pointer (`*int32`, `*LabelSelector`): present on the wire only when
 *   set, and a zero value on the wire is a real value that the decoder keeps;
 * - `req`: the Go JSON tag has no `omitempty`, so encoding/json always writes it, zero or not;
 * - `inline`: an embedded struct tagged `json:",inline"`: its fields appear in the parent's JSON.
 *
 * Without `ptr`, gogo-protobuf always writes the field (zero scalars and empty messages included).
 */

/** One message: JSON field name → `'<number> <type> [ptr] [req] [inline]'`. */
export type MessageSpec = Readonly<Record<string, string>>;

/** The messages of one upstream protobuf package (several files may add to the same package). */
export interface PackageSpec {
  readonly package: string;
  readonly messages: Readonly<Record<string, MessageSpec>>;
}

/** Short package prefixes usable in type references (`meta.Time`). */
export const PACKAGE_ALIASES: Readonly<Record<string, string>> = {
  meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
  runtime: 'k8s.io.apimachinery.pkg.runtime',
  intstr: 'k8s.io.apimachinery.pkg.util.intstr',
  resource: 'k8s.io.apimachinery.pkg.api.resource',
  core: 'k8s.io.api.core.v1',
  apps: 'k8s.io.api.apps.v1',
  discovery: 'k8s.io.api.discovery.v1',
};

/** The scalar protobuf types the Kubernetes messages use. */
export type ScalarType = 'string' | 'bytes' | 'bool' | 'int32' | 'int64';

const SCALARS: ReadonlySet<string> = new Set<ScalarType>(['string', 'bytes', 'bool', 'int32', 'int64']);

/** True for the scalar type names of the schema language. */
export function isScalarType(type: string): type is ScalarType {
  return SCALARS.has(type);
}

/** One parsed field spec; `type` is a scalar name or a fully qualified message name. */
export interface ParsedField {
  readonly name: string;
  readonly id: number;
  readonly repeated: boolean;
  readonly map: boolean;
  readonly type: string;
  readonly pointer: boolean;
  readonly required: boolean;
  readonly inline: boolean;
}

const FLAGS = new Set(['ptr', 'req', 'inline']);

/** Parses `'<number> <type> [flags]'` for field `name` of a message in package `pkg`. */
export function parseFieldSpec(pkg: string, name: string, spec: string): ParsedField {
  const [idText, typeText, ...flags] = spec.trim().split(/\s+/);
  const id = Number(idText);
  if (!Number.isInteger(id) || id < 1 || typeText === undefined) {
    throw new Error(`schema: bad field spec for ${name}: '${spec}'`);
  }
  for (const flag of flags) {
    if (!FLAGS.has(flag)) throw new Error(`schema: unknown flag '${flag}' on ${name}`);
  }
  const repeated = typeText.startsWith('[]');
  const map = typeText.startsWith('map<') && typeText.endsWith('>');
  const bare = repeated ? typeText.slice(2) : map ? typeText.slice(4, -1) : typeText;
  return {
    name,
    id,
    repeated,
    map,
    type: qualify(pkg, bare),
    pointer: flags.includes('ptr'),
    required: flags.includes('req'),
    inline: flags.includes('inline'),
  };
}

/** A scalar stays as is; a message name becomes fully qualified (`meta.Time` → its package). */
function qualify(pkg: string, type: string): string {
  if (isScalarType(type)) return type;
  const dot = type.indexOf('.');
  if (dot < 0) return `${pkg}.${type}`;
  const alias = PACKAGE_ALIASES[type.slice(0, dot)];
  if (alias === undefined) throw new Error(`schema: unknown package prefix in '${type}'`);
  return `${alias}.${type.slice(dot + 1)}`;
}
