/** Which printer serves which kind. */
import { deploymentPrinter } from './deployment-printer.ts';
import { endpointSlicePrinter } from './endpointslice-printer.ts';
import { endpointsPrinter } from './endpoints-printer.ts';
import { eventPrinter } from './event-printer.ts';
import { genericPrinter } from './generic-printer.ts';
import { namespacePrinter } from './namespace-printer.ts';
import { nodePrinter } from './node-printer.ts';
import { podPrinter } from './pod-printer.ts';
import { replicaSetPrinter } from './replicaset-printer.ts';
import { servicePrinter } from './service-printer.ts';
import type { Printer } from './types.ts';

const PRINTERS: ReadonlyMap<string, Printer> = new Map([
  ['Service', servicePrinter],
  ['Pod', podPrinter],
  ['Deployment', deploymentPrinter],
  ['ReplicaSet', replicaSetPrinter],
  ['Endpoints', endpointsPrinter],
  ['EndpointSlice', endpointSlicePrinter],
  ['Node', nodePrinter],
  ['Namespace', namespacePrinter],
  ['Event', eventPrinter],
]);

/** The printer for `kind`, or the generic Name/Age one. */
export function printerFor(kind: string): Printer {
  return PRINTERS.get(kind) ?? genericPrinter;
}
