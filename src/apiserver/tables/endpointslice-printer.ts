/** `kubectl get endpointslices` columns and cells (upstream `printEndpointSlice`). */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.d.ts';
import { AGE_COLUMN, column, NAME_COLUMN } from './columns.ts';
import { ENDPOINT_SLICE_ADDRESS_TYPE, ENDPOINT_SLICE_ENDPOINTS, ENDPOINT_SLICE_PORTS } from './descriptions.ts';
import { translateTimestampSince } from './duration.ts';
import { LIST_CELL_MAX } from './endpoints-printer.ts';
import { loose } from './loose.ts';
import type { PrintableObject, Printer, TableCell } from './types.ts';

/** `listWithMoreString`: the first 3 items, `+ N more...` after them, `<unset>` for none. */
function listWithMore(items: readonly string[]): string {
  const text = items.slice(0, LIST_CELL_MAX).join(',');
  if (items.length > LIST_CELL_MAX) return `${text} + ${items.length - LIST_CELL_MAX} more...`;
  return text === '' ? '<unset>' : text;
}

/** The PORTS cell: port numbers, or the port's name, or `*` for "all ports". */
export function formatSlicePorts(slice: EndpointSlice): string {
  return listWithMore((slice.ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : (p.name ?? '*'))));
}

/** The ENDPOINTS cell: every address of every endpoint. */
export function formatSliceEndpoints(slice: EndpointSlice): string {
  // Both lists are required by the schema, but stored JSON may still carry null.
  return listWithMore((loose(slice.endpoints) ?? []).flatMap((e) => loose(e.addresses) ?? []));
}

function endpointSliceCells(object: PrintableObject, now: Date): TableCell[] {
  const slice = object as EndpointSlice;
  return [
    slice.metadata?.name ?? '',
    loose(slice.addressType) ?? '',
    formatSlicePorts(slice),
    formatSliceEndpoints(slice),
    translateTimestampSince(slice.metadata?.creationTimestamp, now),
  ];
}

/** The EndpointSlice printer. */
export const endpointSlicePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('AddressType', 'string', ENDPOINT_SLICE_ADDRESS_TYPE),
    column('Ports', 'string', ENDPOINT_SLICE_PORTS),
    column('Endpoints', 'string', ENDPOINT_SLICE_ENDPOINTS),
    AGE_COLUMN,
  ],
  cells: endpointSliceCells,
};
