/** `kubectl get services` columns and cells (upstream `printService`, `getServiceExternalIP`, `makePortString`). */
import type { LoadBalancerStatus, Service, ServicePort } from 'kubernetes-types/core/v1.d.ts';
import { formatSelector, selectorFromSet } from '../../api/labels/index.ts';
import { AGE_COLUMN, column, NAME_COLUMN } from './columns.ts';
import {
  SERVICE_CLUSTER_IP,
  SERVICE_EXTERNAL_IPS,
  SERVICE_PORTS,
  SERVICE_SELECTOR,
  SERVICE_TYPE,
} from './descriptions.ts';
import { translateTimestampSince } from './duration.ts';
import type { PrintableObject, Printer, TableCell } from './types.ts';

/** Longest load-balancer text shown outside `-o wide` before it is cut to 13 characters and `...`. */
const LOAD_BALANCER_WIDTH = 16;

/** `labels.FormatLabels`: `k=v,k2=v2` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const text = formatSelector(selectorFromSet(labels));
  return text === '' ? '<none>' : text;
}

/** The ingress IPs (or hostnames) as a sorted set, cut short unless `wide`. */
export function loadBalancerStatusString(status: LoadBalancerStatus | undefined, wide: boolean): string {
  const found = new Set<string>();
  for (const ingress of status?.ingress ?? []) {
    if (ingress.ip !== undefined && ingress.ip !== '') found.add(ingress.ip);
    else if (ingress.hostname !== undefined && ingress.hostname !== '') found.add(ingress.hostname);
  }
  const text = [...found].sort().join(',');
  return !wide && text.length > LOAD_BALANCER_WIDTH ? `${text.slice(0, LOAD_BALANCER_WIDTH - 3)}...` : text;
}

/** The EXTERNAL-IP cell for each Service type. */
export function serviceExternalIP(service: Service, wide: boolean): string {
  const externalIPs = service.spec?.externalIPs ?? [];
  switch (service.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerStatusString(service.status?.loadBalancer, wide);
      if (externalIPs.length > 0) return [...(lb === '' ? [] : lb.split(',')), ...externalIPs].join(',');
      return lb === '' ? '<pending>' : lb;
    }
    case 'ExternalName':
      return service.spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** The PORT(S) cell: `80/TCP`, or `80:31155/TCP` with a nodePort, comma-joined. */
export function servicePorts(ports: readonly ServicePort[] | undefined): string {
  const text = (ports ?? [])
    .map((p) => {
      const protocol = p.protocol ?? '';
      return p.nodePort !== undefined && p.nodePort > 0
        ? `${p.port}:${p.nodePort}/${protocol}`
        : `${p.port}/${protocol}`;
    })
    .join(',');
  return text === '' ? '<none>' : text;
}

function serviceCells(object: PrintableObject, now: Date): TableCell[] {
  const service = object as Service;
  // The server always prints wide (kubectl hides priority-1 columns itself), so the LB text is not cut.
  return [
    service.metadata?.name ?? '',
    service.spec?.type ?? '',
    service.spec?.clusterIPs?.[0] ?? '<none>',
    serviceExternalIP(service, true),
    servicePorts(service.spec?.ports),
    translateTimestampSince(service.metadata?.creationTimestamp, now),
    formatLabels(service.spec?.selector),
  ];
}

/** The Service printer. */
export const servicePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Type', 'string', SERVICE_TYPE),
    column('Cluster-IP', 'string', SERVICE_CLUSTER_IP),
    column('External-IP', 'string', SERVICE_EXTERNAL_IPS),
    column('Port(s)', 'string', SERVICE_PORTS),
    AGE_COLUMN,
    column('Selector', 'string', SERVICE_SELECTOR, { priority: 1 }),
  ],
  cells: serviceCells,
};
