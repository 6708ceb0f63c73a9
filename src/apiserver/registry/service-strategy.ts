/** The Service resource: allocation-aware create and update, status writes, and releases on delete. */
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { releaseService } from '../../allocator/service-allocation.ts';
import type { ServiceAllocators } from '../../allocator/service-allocators.ts';
import { admitServiceCreate, type ServiceCreateResult } from './service-create.ts';
import { admitServiceUpdate } from './service-update.ts';
import { type Admission, admitted, type KubeObject, type Strategy } from './strategy.ts';

function toAdmission(result: ServiceCreateResult): Admission {
  if (!result.ok) return result;
  const { transaction } = result;
  return {
    ok: true,
    object: result.service as KubeObject,
    commit: () => {
      transaction.commit();
    },
    revert: () => {
      transaction.revert();
    },
  };
}

/** The Service strategy over the cluster's allocators (rebuilt from the store by repair at startup). */
export function serviceStrategy(allocators: ServiceAllocators): Strategy {
  return {
    tracksGeneration: false,
    admitCreate: (object) => toAdmission(admitServiceCreate(allocators, object as Service)),
    admitUpdate: (object, old) => toAdmission(admitServiceUpdate(allocators, object as Service, old as Service)),
    // The status subresource may change only status: everything else is taken from what is stored.
    admitStatusUpdate: (object, old) => admitted({ ...old, status: object['status'] ?? {} }),
    afterDelete: (object) => {
      releaseService(allocators, object as Service);
    },
  };
}
