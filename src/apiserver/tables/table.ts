/** Building the meta.k8s.io/v1 Table for a list (or a single object) of one kind. */
import { printerFor } from './printers.ts';
import type { IncludeObject, PrintableObject, Table, TableRow } from './types.ts';

/** What `toTable` needs besides the objects. Time is an input: the same call always gives the same table. */
export interface TableOptions {
  /** The kind of every object (`Service`, `Pod`, ...); unknown kinds get Name and Age. */
  readonly kind: string;
  /** The list's (or the object's) resourceVersion, where `kubectl get -w` starts watching. */
  readonly resourceVersion?: string;
  /** The list's continue token, for chunked lists. */
  readonly continue?: string;
  /** The list's remaining item count, when known. */
  readonly remainingItemCount?: number;
  /** What each row's `object` holds; `Metadata` (the default) gives PartialObjectMetadata. */
  readonly includeObject?: IncludeObject;
  /** Leave out the column definitions (watch events after the first). */
  readonly noHeaders?: boolean;
  /** The time AGE columns are measured against. */
  readonly now: Date;
}

/** The `object` of a row for the requested `includeObject`. */
function rowObject(object: PrintableObject, include: IncludeObject): { object?: unknown } {
  switch (include) {
    case 'None':
      return {};
    case 'Object':
      return { object };
    case 'Metadata':
      return {
        object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata ?? {} },
      };
  }
}

function tableMetadata(options: TableOptions): Table['metadata'] {
  return {
    ...(options.resourceVersion === undefined ? {} : { resourceVersion: options.resourceVersion }),
    ...(options.continue === undefined ? {} : { continue: options.continue }),
    ...(options.remainingItemCount === undefined ? {} : { remainingItemCount: options.remainingItemCount }),
  };
}

/**
 * The Table kube-apiserver would send for `objects`: every column filled (wide ones included —
 * kubectl hides priority-1 columns itself), integers as JSON numbers.
 *
 * @example
 * toTable(services, { kind: 'Service', resourceVersion: '1008', now: new Date() })
 */
export function toTable(objects: readonly PrintableObject[], options: TableOptions): Table {
  const printer = printerFor(options.kind);
  const include = options.includeObject ?? 'Metadata';
  const rows = objects.map((object): TableRow => {
    const conditions = printer.conditions?.(object);
    return {
      cells: printer.cells(object, options.now),
      ...(conditions === undefined ? {} : { conditions }),
      ...rowObject(object, include),
    };
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: tableMetadata(options),
    columnDefinitions: options.noHeaders === true ? [] : printer.columns,
    rows,
  };
}
