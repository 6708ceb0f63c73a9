/** `kubectl get endpoints` columns and cells (upstream `printEndpoints`, `formatEndpoints`). */
import type { Endpoints } from 'kubernetes-types/core/v1.d.ts';
import { AGE_COLUMN, column, NAME_COLUMN } from './columns.ts';
import { ENDPOINTS_SUBSETS } from './descriptions.ts';
import { translateTimestampSince } from './duration.ts';
import type { PrintableObject, Printer, TableCell } from './types.ts';

/** How many addresses a list cell shows before `+ N more...`. */
export const LIST_CELL_MAX = 3;

/** `net.JoinHostPort`: IPv6 addresses go in brackets. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The ENDPOINTS cell: `ip:port` for every (port, address) pair, at most 3, then `+ N more...`. */
export function formatEndpoints(endpoints: Endpoints): string {
  const subsets = endpoints.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const subset of subsets) {
    const addresses = subset.addresses ?? [];
    const ports = subset.ports ?? [];
    // A headless Service may have no ports: then only the IPs are listed.
    const pairs = ports.length === 0 ? [undefined] : ports.map((p) => p.port);
    for (const port of pairs) {
      count += addresses.length;
      for (const address of addresses) {
        if (list.length === LIST_CELL_MAX) break;
        list.push(port === undefined ? address.ip : joinHostPort(address.ip, port));
      }
    }
  }
  const text = list.join(',');
  return count > LIST_CELL_MAX ? `${text} + ${count - LIST_CELL_MAX} more...` : text;
}

function endpointsCells(object: PrintableObject, now: Date): TableCell[] {
  const endpoints = object as Endpoints;
  return [
    endpoints.metadata?.name ?? '',
    formatEndpoints(endpoints),
    translateTimestampSince(endpoints.metadata?.creationTimestamp, now),
  ];
}

/** The Endpoints printer. */
export const endpointsPrinter: Printer = {
  columns: [NAME_COLUMN, column('Endpoints', 'string', ENDPOINTS_SUBSETS), AGE_COLUMN],
  cells: endpointsCells,
};
