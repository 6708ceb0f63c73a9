/** `kubectl get namespaces` columns and cells (upstream `printNamespace`). */
import type { Namespace } from 'kubernetes-types/core/v1.d.ts';
import { AGE_COLUMN, column, NAME_COLUMN } from './columns.ts';
import { translateTimestampSince } from './duration.ts';
import type { PrintableObject, Printer, TableCell } from './types.ts';

function namespaceCells(object: PrintableObject, now: Date): TableCell[] {
  const namespace = object as Namespace;
  return [
    namespace.metadata?.name ?? '',
    namespace.status?.phase ?? '',
    translateTimestampSince(namespace.metadata?.creationTimestamp, now),
  ];
}

/** The Namespace printer: STATUS is the phase, `Active` or `Terminating`. */
export const namespacePrinter: Printer = {
  columns: [NAME_COLUMN, column('Status', 'string', 'The status of the namespace'), AGE_COLUMN],
  cells: namespaceCells,
};
