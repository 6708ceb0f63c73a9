/** One-line summaries of a Service in the words of `kubectl get svc`. */
import type { Service } from 'kubernetes-types/core/v1.d.ts';

/** The PORT(S) column: `80:31155/TCP,443/TCP`. */
export function portsColumn(service: Service): string {
  const ports = service.spec?.ports ?? [];
  if (ports.length === 0) return '<none>';
  return ports
    .map((port) => {
      const nodePort = port.nodePort !== undefined && port.nodePort !== 0 ? `:${port.nodePort}` : '';
      return `${port.port}${nodePort}/${port.protocol ?? 'TCP'}`;
    })
    .join(',');
}

/** `NodePort 10.110.4.7 80:31155/TCP`: the TYPE, CLUSTER-IP and PORT(S) columns. */
export function serviceSummary(service: Service): string {
  const spec = service.spec ?? {};
  const clusterIP = spec.clusterIP === undefined || spec.clusterIP === '' ? '<none>' : spec.clusterIP;
  return `${spec.type ?? 'ClusterIP'} ${clusterIP} ${portsColumn(service)}`;
}
