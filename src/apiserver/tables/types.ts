/** The meta.k8s.io/v1 Table shapes kube-apiserver answers `Accept: ...;as=Table` with. */
import type { ObjectMeta } from 'kubernetes-types/meta/v1.d.ts';

/** Any Kubernetes object a printer can be handed. */
export interface PrintableObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/** One cell: integer columns carry JSON numbers, the rest strings. */
export type TableCell = string | number;

/** `metav1.TableColumnDefinition`; keys in upstream's JSON order. */
export interface TableColumnDefinition {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  readonly format: string;
  readonly description: string;
  readonly priority: number;
}

/** `metav1.TableRowCondition` (upstream sets it on finished pods). */
export interface TableRowCondition {
  readonly type: 'Completed';
  readonly status: 'True';
  readonly reason: string;
  readonly message: string;
}

/** `metav1.TableRow`: the cells, and the object as `includeObject` asked. */
export interface TableRow {
  readonly cells: readonly TableCell[];
  readonly conditions?: readonly TableRowCondition[];
  readonly object?: unknown;
}

/** `metav1.Table`. */
export interface Table {
  readonly kind: 'Table';
  readonly apiVersion: 'meta.k8s.io/v1';
  readonly metadata: {
    readonly resourceVersion?: string;
    readonly continue?: string;
    readonly remainingItemCount?: number;
  };
  readonly columnDefinitions: readonly TableColumnDefinition[];
  readonly rows: readonly TableRow[];
}

/** The `includeObject` query parameter: what each row's `object` holds. */
export type IncludeObject = 'Metadata' | 'Object' | 'None';

/** How one kind prints: its columns and, for one object at a given time, its cells (wide ones included). */
export interface Printer {
  readonly columns: readonly TableColumnDefinition[];
  readonly cells: (object: PrintableObject, now: Date) => readonly TableCell[];
  readonly conditions?: (object: PrintableObject) => readonly TableRowCondition[] | undefined;
}
