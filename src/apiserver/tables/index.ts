/** Server-side Table printing: the rows and columns `kubectl get` shows, as kube-apiserver sends them. */
export { humanDuration, parseTimestamp, translateTimestampSince } from './duration.ts';
export { printerFor } from './printers.ts';
export { toTable, type TableOptions } from './table.ts';
export type {
  IncludeObject,
  PrintableObject,
  Printer,
  Table,
  TableCell,
  TableColumnDefinition,
  TableRow,
  TableRowCondition,
} from './types.ts';
