/** The printer for kinds without one of their own: Name and Age. */
import { AGE_COLUMN, NAME_COLUMN } from './columns.ts';
import { translateTimestampSince } from './duration.ts';
import type { PrintableObject, Printer, TableCell } from './types.ts';

function genericCells(object: PrintableObject, now: Date): TableCell[] {
  return [object.metadata?.name ?? '', translateTimestampSince(object.metadata?.creationTimestamp, now)];
}

/**
 * Name and Age, the two columns kubectl itself falls back to. (kube-apiserver's own default
 * convertor prints `Created At` as an RFC 3339 date instead; Age reads the same in every kind.)
 */
export const genericPrinter: Printer = {
  columns: [NAME_COLUMN, AGE_COLUMN],
  cells: genericCells,
};
