/** `kubectl get deployments` columns and cells (upstream `printDeployment`). */
import type { Deployment } from 'kubernetes-types/apps/v1.d.ts';
import { AGE_COLUMN, column, NAME_COLUMN, wideColumn } from './columns.ts';
import {
  DEPLOYMENT_AVAILABLE,
  DEPLOYMENT_SELECTOR,
  DEPLOYMENT_UPDATED,
  TEMPLATE_CONTAINERS,
  TEMPLATE_IMAGES,
} from './descriptions.ts';
import { translateTimestampSince } from './duration.ts';
import { loose } from './loose.ts';
import { containerCells, selectorString } from './template-cells.ts';
import type { PrintableObject, Printer, TableCell } from './types.ts';

/** spec.replicas as the server sees it: defaulting has set a missing value to 1. */
export function desiredReplicas(spec: { replicas?: number } | undefined): number {
  return spec?.replicas ?? 1;
}

function deploymentCells(object: PrintableObject, now: Date): TableCell[] {
  const deployment = object as Deployment;
  const status = deployment.status;
  const [names, images] = containerCells(loose(deployment.spec?.template)?.spec?.containers);
  return [
    deployment.metadata?.name ?? '',
    `${status?.readyReplicas ?? 0}/${desiredReplicas(deployment.spec)}`,
    status?.updatedReplicas ?? 0,
    status?.availableReplicas ?? 0,
    translateTimestampSince(deployment.metadata?.creationTimestamp, now),
    names,
    images,
    selectorString(deployment.spec?.selector),
  ];
}

/** The Deployment printer (Up-to-date and Available are declared strings upstream but hold integers). */
export const deploymentPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'Number of the pod with ready state'),
    column('Up-to-date', 'string', DEPLOYMENT_UPDATED),
    column('Available', 'string', DEPLOYMENT_AVAILABLE),
    AGE_COLUMN,
    wideColumn('Containers', TEMPLATE_CONTAINERS),
    wideColumn('Images', TEMPLATE_IMAGES),
    wideColumn('Selector', DEPLOYMENT_SELECTOR),
  ],
  cells: deploymentCells,
};
