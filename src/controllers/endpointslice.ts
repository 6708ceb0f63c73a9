/**
 * The EndpointSlice controller (and the legacy Endpoints controller with it): for every Service with a selector, the
 * EndpointSlices `<svc>-<5 chars>` and the `Endpoints` object `<svc>` listing the selected pods. Watches Services,
 * Pods and its own slices; writes EndpointSlices and Endpoints.
 */
import type { Pod, Service } from 'kubernetes-types/core/v1.d.ts';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.d.ts';
import type { KubeObject } from './client.ts';
import { type Controller, type ControllerContext, splitKey } from './context.ts';
import { type SliceContent, desiredSlices, endpointsSubsets } from './endpoints-build.ts';
import { objectKey } from '../client/informer.ts';
import { as, controllerOf, controllerReference, sameJson, setSelectorMatches } from './objects.ts';
import { WorkQueue } from './queue.ts';
import { createObserved, deleteObserved, updateObserved } from './writes.ts';

/** The label naming a slice's Service. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
/** The label naming who manages a slice. */
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
/** This controller's value of the managed-by label, upstream's. */
export const MANAGED_BY = 'endpointslice-controller.k8s.io';
const HEADLESS_LABEL = 'service.kubernetes.io/headless';

function selects(service: Service): boolean {
  return service.spec?.type !== 'ExternalName' && Object.keys(service.spec?.selector ?? {}).length > 0;
}

/** The Service's own labels plus the headless marker, which both Endpoints and slices carry. */
function serviceLabels(service: Service): Record<string, string> {
  const reserved = new Set([SERVICE_NAME_LABEL, MANAGED_BY_LABEL]);
  const labels = Object.fromEntries(
    Object.entries(service.metadata?.labels ?? {}).filter(([key]) => !reserved.has(key)),
  );
  if (service.spec?.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
  return labels;
}

function sliceBody(service: KubeObject, content: SliceContent, existing?: KubeObject): KubeObject {
  const svc = as<Service>(service);
  const name = service.metadata.name;
  // A new slice gets its name from the server: `<svc>-<5 chars>`.
  const fresh = {
    generateName: `${name}-`,
    namespace: service.metadata.namespace ?? '',
  } as unknown as KubeObject['metadata'];
  const metadata = {
    ...(existing?.metadata ?? fresh),
    labels: { ...serviceLabels(svc), [SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: MANAGED_BY },
    ownerReferences: [controllerReference(service, 'v1', 'Service')],
  };
  const body: KubeObject = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata, addressType: 'IPv4' };
  body['endpoints'] = content.endpoints;
  if (content.ports.length > 0) body['ports'] = content.ports;
  return body;
}

/** Whether a stored slice already says what `wanted` says. */
function sliceUpToDate(existing: KubeObject, wanted: KubeObject): boolean {
  return (
    sameJson(existing['endpoints'] ?? [], wanted['endpoints']) &&
    sameJson(existing['ports'] ?? [], wanted['ports'] ?? []) &&
    sameJson(existing.metadata['labels'], wanted.metadata['labels']) &&
    sameJson(existing.metadata['ownerReferences'], wanted.metadata['ownerReferences'])
  );
}

/** The slices this controller manages for one Service. */
function managedSlices(context: ControllerContext, namespace: string, name: string): KubeObject[] {
  return context.informers.endpointSlices.list().filter((slice) => {
    const labels = (slice.metadata['labels'] ?? {}) as Record<string, string>;
    return (
      slice.metadata.namespace === namespace &&
      labels[SERVICE_NAME_LABEL] === name &&
      labels[MANAGED_BY_LABEL] === MANAGED_BY
    );
  });
}

/** Brings the Service's slices to what its pods say: update in place where possible, create, delete the rest. */
async function syncSlices(context: ControllerContext, service: KubeObject, existing: KubeObject[]): Promise<void> {
  const { client, informers } = context;
  const pods = informers.pods.list().map((pod) => as<Pod>(pod));
  const wanted = desiredSlices(as<Service>(service), pods);
  const owned = (slice: KubeObject): boolean => controllerOf(slice)?.uid === service.metadata.uid;
  const unused = existing.filter(owned).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  for (const content of wanted) {
    // Reuse a slice with the same ports first (then any), so a pod change rewrites a slice instead of replacing it.
    const match = unused.find((slice) => sameJson(slice['ports'] ?? [], content.ports)) ?? unused[0];
    if (match === undefined) {
      await createObserved(client, informers.endpointSlices, service.metadata.namespace, sliceBody(service, content));
      continue;
    }
    unused.splice(unused.indexOf(match), 1);
    const body = sliceBody(service, content, match);
    if (!sliceUpToDate(match, body)) await updateObserved(client, informers.endpointSlices, body);
  }
  // Left over, or owned by an earlier Service of the same name.
  const stale = [...existing.filter((slice) => !owned(slice)), ...unused];
  for (const slice of stale) await deleteObserved(client, informers.endpointSlices, slice);
}

/** Brings the Service's `Endpoints` object to what its pods say. */
async function syncEndpoints(context: ControllerContext, service: KubeObject): Promise<void> {
  const { client, informers } = context;
  const svc = as<Service>(service);
  const subsets = endpointsSubsets(
    svc,
    informers.pods.list().map((pod) => as<Pod>(pod)),
  );
  const { namespace = '', name } = service.metadata;
  const existing = informers.endpoints.get(namespace, name);
  const labels = serviceLabels(svc);
  const body: KubeObject = { apiVersion: 'v1', kind: 'Endpoints', metadata: existing?.metadata ?? { name, namespace } };
  body.metadata['labels'] = labels;
  if (subsets.length > 0) body['subsets'] = subsets;
  if (existing === undefined) await createObserved(client, informers.endpoints, namespace, body);
  else if (!sameJson(existing['subsets'] ?? [], subsets) || !sameJson(existing.metadata['labels'] ?? {}, labels))
    await updateObserved(client, informers.endpoints, body);
}

/** One pass over a Service key; `deletedServices` holds the keys whose Service was seen deleted. */
async function syncService(context: ControllerContext, key: string, deletedServices: Set<string>): Promise<void> {
  const { client, informers } = context;
  const { namespace, name } = splitKey(key);
  const service = informers.services.get(namespace, name);
  const slices = managedSlices(context, namespace, name);
  if (service !== undefined && selects(as<Service>(service))) {
    await syncSlices(context, service, slices);
    await syncEndpoints(context, service);
    return;
  }
  for (const slice of slices) await deleteObserved(client, informers.endpointSlices, slice);
  const endpoints = informers.endpoints.get(namespace, name);
  // Only a Service's deletion takes its Endpoints: Endpoints written by hand for a selector-less one stay.
  if (service === undefined && deletedServices.has(key) && endpoints !== undefined)
    await deleteObserved(client, informers.endpoints, endpoints);
  deletedServices.delete(key);
}

/** Services whose selector matches the pod before or after a change. */
function servicesSelecting(context: ControllerContext, pods: (KubeObject | undefined)[]): KubeObject[] {
  return context.informers.services.list().filter((service) => {
    const selector = as<Service>(service).spec?.selector;
    return pods.some(
      (pod) =>
        pod !== undefined &&
        pod.metadata.namespace === service.metadata.namespace &&
        setSelectorMatches(selector, pod.metadata['labels'] as Record<string, string> | undefined),
    );
  });
}

/** Starts watching for changes; `queue.start()` begins reconciling. */
export function endpointSliceController(context: ControllerContext): Controller {
  const { informers } = context;
  const deletedServices = new Set<string>();
  const queue = new WorkQueue(
    (key) => syncService(context, key, deletedServices),
    (key, error) => {
      context.log(`endpointslice: ${key}: ${String(error)}`);
    },
  );
  informers.services.onChange((previous, current) => {
    const object = current ?? previous;
    if (object === undefined) return;
    if (current === undefined) deletedServices.add(objectKey(object));
    queue.add(objectKey(object));
  });
  informers.pods.onChange((previous, current) => {
    for (const service of servicesSelecting(context, [current, previous])) queue.add(objectKey(service));
  });
  informers.endpointSlices.onChange((previous, current) => {
    const slice = as<EndpointSlice>((current ?? previous) as KubeObject);
    const labels = slice.metadata?.labels ?? {};
    const service = labels[SERVICE_NAME_LABEL];
    if (labels[MANAGED_BY_LABEL] === MANAGED_BY && service !== undefined)
      queue.add(`${slice.metadata?.namespace ?? ''}/${service}`);
  });
  return { name: 'endpointslice', queue };
}
