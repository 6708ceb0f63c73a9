/**
 * What strategic merge needs to know about a kind: which lists merge instead of being replaced,
 * and by which key (the `patchStrategy:"merge"` / `patchMergeKey` tags on upstream's Go types).
 *
 * Paths name fields from the object's root, dot-separated, with `[]` stepping into a list's items:
 * `spec.ports`, `spec.template.spec.containers[].env`.
 */

/** How one list merges: by `mergeKey` for lists of objects; a list of strings without one merges as a set. */
export interface ListMergeStrategy {
  readonly mergeKey?: string;
}

/** The merging lists of one kind, by path. Lists not named here are replaced whole. */
export type PatchSchema = Readonly<Record<string, ListMergeStrategy>>;

/** The path of `key` inside the object at `path`. */
export function fieldPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** The path of the items of the list at `path`. */
export function itemPath(path: string): string {
  return `${path}[]`;
}

/** Every entry of `schema` moved under `prefix` (e.g. a PodSpec under `spec.template.spec`). */
export function nested(prefix: string, schema: PatchSchema): PatchSchema {
  return Object.fromEntries(Object.entries(schema).map(([path, strategy]) => [fieldPath(prefix, path), strategy]));
}
