/**
 * The strategies of every resource that has more than the generic rules, over allocators rebuilt from the Services
 * in the store: what `portico apiserver` serves with.
 */
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import type { RepairProblem } from '../../allocator/repair.ts';
import type { Store } from '../../store/types.ts';
import { findResource, type ResourceInfo } from '../resources.ts';
import { collectionPrefix } from '../rest/keys.ts';
import { allocatorsFromServices, type ServiceNetwork } from './service-network.ts';
import { serviceStrategy } from './service-strategy.ts';
import type { Strategy } from './strategy.ts';
import { deploymentStrategy, podStrategy, replicaSetStrategy } from './workload-strategy.ts';

/** A lookup for `createApiServer`'s `strategies` option, and what repair found in the stored Services. */
export interface ClusterStrategies {
  readonly strategies: (info: ResourceInfo) => Strategy | undefined;
  readonly problems: readonly RepairProblem[];
}

/** Reads the stored Services, rebuilds the allocators from them, and returns every resource's strategy. */
export async function clusterStrategies(store: Store, network: ServiceNetwork): Promise<ClusterStrategies> {
  const servicesInfo = findResource('', 'services');
  if (servicesInfo === undefined) throw new Error('services are not among the served resources');
  const { items } = await store.list(collectionPrefix(servicesInfo, ''));
  const services = items.map((item) => item.object as Service);
  const { allocators, problems } = allocatorsFromServices(services, network);
  const byKind: Readonly<Record<string, Strategy>> = {
    Service: serviceStrategy(allocators),
    Deployment: deploymentStrategy,
    ReplicaSet: replicaSetStrategy,
    Pod: podStrategy,
  };
  return { strategies: (info) => byKind[info.kind], problems };
}
