/** The proxy model: Services + EndpointSlices + node → per-family snapshot, categorisation, change detection. */
export { buildSnapshot, categorizePort, endpointsOf } from './snapshot.ts';
export type { ProxySnapshot } from './snapshot.ts';
export { changedServices } from './changed-services.ts';
export { categorizeEndpoints, zoneLabel, type EndpointCategories } from './categorize.ts';
export { buildEndpointsMap, joinHostPort, serviceNameLabel } from './endpoints.ts';
export { clusterIPForFamily, proxyServiceFor, servicePortNameString, shouldSkipService } from './service-ports.ts';
export type { IPFamily } from '../net/index.ts';
export type { EndpointInfo, Protocol, ProxyNode, ProxyService, ServiceEndpoints, ServicePortInfo } from './types.ts';
