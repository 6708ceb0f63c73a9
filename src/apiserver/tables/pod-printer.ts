/** `kubectl get pods` columns and cells (upstream `printPod`). */
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { AGE_COLUMN, column, NAME_COLUMN, wideColumn } from './columns.ts';
import { POD_IP, POD_NODE_NAME, POD_NOMINATED_NODE_NAME, POD_READINESS_GATES } from './descriptions.ts';
import { humanDuration, translateTimestampSince } from './duration.ts';
import { summarizePod } from './pod-status.ts';
import type { PrintableObject, Printer, TableCell, TableRowCondition } from './types.ts';

/** `<none>` for an empty or missing value. */
function orNone(value: string | undefined): string {
  return value === undefined || value === '' ? '<none>' : value;
}

/** The Readiness Gates cell: `<none>`, or how many of the gates' conditions are True, e.g. `1/2`. */
export function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions = pod.status?.conditions ?? [];
  const met = gates.filter((gate) => conditions.find((c) => c.type === gate.conditionType)?.status === 'True');
  return `${met.length}/${gates.length}`;
}

function podCells(object: PrintableObject, now: Date): TableCell[] {
  const pod = object as Pod;
  const summary = summarizePod(pod);
  const restarts =
    summary.restarts !== 0 && summary.lastRestart !== undefined
      ? `${summary.restarts} (${humanDuration(now.getTime() - summary.lastRestart)} ago)`
      : String(summary.restarts);
  return [
    pod.metadata?.name ?? '',
    `${summary.ready}/${summary.total}`,
    summary.reason,
    restarts,
    translateTimestampSince(pod.metadata?.creationTimestamp, now),
    orNone(pod.status?.podIPs?.[0]?.ip),
    orNone(pod.spec?.nodeName),
    orNone(pod.status?.nominatedNodeName),
    readinessGates(pod),
  ];
}

const SUCCEEDED: readonly TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
const FAILED: readonly TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
];

function podConditions(object: PrintableObject): readonly TableRowCondition[] | undefined {
  const phase = (object as Pod).status?.phase;
  if (phase === 'Succeeded') return SUCCEEDED;
  return phase === 'Failed' ? FAILED : undefined;
}

/** The Pod printer; finished pods carry a `Completed` row condition, as upstream's do. */
export const podPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'string', 'The aggregate status of the containers in this pod.'),
    column(
      'Restarts',
      'string',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ),
    AGE_COLUMN,
    wideColumn('IP', POD_IP),
    wideColumn('Node', POD_NODE_NAME),
    wideColumn('Nominated Node', POD_NOMINATED_NODE_NAME),
    wideColumn('Readiness Gates', POD_READINESS_GATES),
  ],
  cells: podCells,
  conditions: podConditions,
};
