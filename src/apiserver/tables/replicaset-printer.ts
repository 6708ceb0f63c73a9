/** `kubectl get replicasets` columns and cells (upstream `printReplicaSet`). */
import type { ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { AGE_COLUMN, column, NAME_COLUMN, wideColumn } from './columns.ts';
import { desiredReplicas } from './deployment-printer.ts';
import {
  REPLICA_SET_CURRENT,
  REPLICA_SET_DESIRED,
  REPLICA_SET_READY,
  REPLICA_SET_SELECTOR,
  TEMPLATE_CONTAINERS,
  TEMPLATE_IMAGES,
} from './descriptions.ts';
import { translateTimestampSince } from './duration.ts';
import { containerCells, formatLabelSelector } from './template-cells.ts';
import type { PrintableObject, Printer, TableCell } from './types.ts';

function replicaSetCells(object: PrintableObject, now: Date): TableCell[] {
  const replicaSet = object as ReplicaSet;
  const [names, images] = containerCells(replicaSet.spec?.template?.spec?.containers);
  return [
    replicaSet.metadata?.name ?? '',
    desiredReplicas(replicaSet.spec),
    replicaSet.status?.replicas ?? 0,
    replicaSet.status?.readyReplicas ?? 0,
    translateTimestampSince(replicaSet.metadata?.creationTimestamp, now),
    names,
    images,
    formatLabelSelector(replicaSet.spec?.selector),
  ];
}

/** The ReplicaSet printer. */
export const replicaSetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'integer', REPLICA_SET_DESIRED),
    column('Current', 'integer', REPLICA_SET_CURRENT),
    column('Ready', 'integer', REPLICA_SET_READY),
    AGE_COLUMN,
    wideColumn('Containers', TEMPLATE_CONTAINERS),
    wideColumn('Images', TEMPLATE_IMAGES),
    wideColumn('Selector', REPLICA_SET_SELECTOR),
  ],
  cells: replicaSetCells,
};
