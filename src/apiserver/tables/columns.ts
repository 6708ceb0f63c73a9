/** Column-definition builders shared by the printers (the Name and Age columns almost every kind has). */
import { CREATION_TIMESTAMP, OBJECT_NAME } from './descriptions.ts';
import type { TableColumnDefinition } from './types.ts';

/** Extra properties of a column; upstream leaves format empty and priority 0 unless set. */
export interface ColumnOptions {
  readonly format?: string;
  readonly priority?: number;
}

/** A column definition with upstream's defaults filled in. */
export function column(
  name: string,
  type: TableColumnDefinition['type'],
  description: string,
  options: ColumnOptions = {},
): TableColumnDefinition {
  return { name, type, format: options.format ?? '', description, priority: options.priority ?? 0 };
}

/** A priority-1 (`-o wide` only) string column. */
export function wideColumn(name: string, description: string): TableColumnDefinition {
  return column(name, 'string', description, { priority: 1 });
}

/** The `Name` column (format `name`, which kubectl uses for `-o name`-like output). */
export const NAME_COLUMN = column('Name', 'string', OBJECT_NAME, { format: 'name' });

/** The `Age` column. */
export const AGE_COLUMN = column('Age', 'string', CREATION_TIMESTAMP);
