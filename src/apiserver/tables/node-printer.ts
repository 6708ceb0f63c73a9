/** `kubectl get nodes` columns and cells (upstream `printNode`, `findNodeRoles`). */
import type { Node } from 'kubernetes-types/core/v1.d.ts';
import { AGE_COLUMN, column, NAME_COLUMN, wideColumn } from './columns.ts';
import {
  NODE_ADDRESSES,
  NODE_CONTAINER_RUNTIME_VERSION,
  NODE_KERNEL_VERSION,
  NODE_KUBELET_VERSION,
  NODE_OS_IMAGE,
} from './descriptions.ts';
import { translateTimestampSince } from './duration.ts';
import type { PrintableObject, Printer, TableCell } from './types.ts';

const ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';
const LEGACY_ROLE_LABEL = 'kubernetes.io/role';

/** The STATUS cell: `Ready`, `NotReady` or `Unknown`, plus `,SchedulingDisabled` for a cordoned node. */
export function nodeStatus(node: Node): string {
  // Only the Ready condition is reported; when it appears twice the last one wins, as in upstream's map.
  const ready = (node.status?.conditions ?? []).filter((c) => c.type === 'Ready').at(-1);
  const status = [ready === undefined ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (node.spec?.unschedulable === true) status.push('SchedulingDisabled');
  return status.join(',');
}

/** The roles from `node-role.kubernetes.io/<role>` and `kubernetes.io/role=<role>` labels, sorted and unique. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata?.labels ?? {})) {
    if (key.startsWith(ROLE_LABEL_PREFIX)) {
      const role = key.slice(ROLE_LABEL_PREFIX.length);
      if (role !== '') roles.add(role);
    } else if (key === LEGACY_ROLE_LABEL && value !== '') {
      roles.add(value);
    }
  }
  return [...roles].sort();
}

function firstAddress(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

function orUnknown(value: string | undefined): string {
  return value === undefined || value === '' ? '<unknown>' : value;
}

function nodeCells(object: PrintableObject, now: Date): TableCell[] {
  const node = object as Node;
  const roles = nodeRoles(node).join(',');
  const info = node.status?.nodeInfo;
  return [
    node.metadata?.name ?? '',
    nodeStatus(node),
    roles === '' ? '<none>' : roles,
    translateTimestampSince(node.metadata?.creationTimestamp, now),
    info?.kubeletVersion ?? '',
    firstAddress(node, 'InternalIP'),
    firstAddress(node, 'ExternalIP'),
    orUnknown(info?.osImage),
    orUnknown(info?.kernelVersion),
    orUnknown(info?.containerRuntimeVersion),
  ];
}

/** The Node printer. */
export const nodePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'The status of the node'),
    column('Roles', 'string', 'The roles of the node'),
    AGE_COLUMN,
    column('Version', 'string', NODE_KUBELET_VERSION),
    wideColumn('Internal-IP', NODE_ADDRESSES),
    wideColumn('External-IP', NODE_ADDRESSES),
    wideColumn('OS-Image', NODE_OS_IMAGE),
    wideColumn('Kernel-Version', NODE_KERNEL_VERSION),
    wideColumn('Container-Runtime', NODE_CONTAINER_RUNTIME_VERSION),
  ],
  cells: nodeCells,
};
