/** Small readers over API objects shared by the controllers: owners, pod readiness, label selectors. */
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import type { LabelSelector, OwnerReference } from 'kubernetes-types/meta/v1.d.ts';
import { labelSelectorAsSelector, selectorFromSet, selectorMatches } from '../api/labels/index.ts';
import type { KubeObject } from './client.ts';

/** The owner reference marked `controller: true`, if any. */
export function controllerOf(object: KubeObject): OwnerReference | undefined {
  const owners = (object.metadata['ownerReferences'] as OwnerReference[] | undefined) ?? [];
  return owners.find((owner) => owner.controller === true);
}

/** Whether `owner` is the controller of `object`. */
export function isControlledBy(object: KubeObject, owner: KubeObject): boolean {
  return controllerOf(object)?.uid === owner.metadata.uid;
}

/** An ownerReference that makes `owner` the controller of a new object. */
export function controllerReference(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Whether a pod has its Ready condition true. */
export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Whether a pod counts towards its ReplicaSet: not finished and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && pod.metadata?.deletionTimestamp === undefined;
}

/** Whether a `LabelSelector` matches `labels`; an invalid selector matches nothing. */
export function labelSelectorMatches(
  selector: LabelSelector | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  const parsed = labelSelectorAsSelector(selector);
  return parsed.ok && selectorMatches(parsed.selector, labels);
}

/** Whether a Service-style selector (a plain map) matches `labels`; an empty map matches nothing here. */
export function setSelectorMatches(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (selector === undefined || Object.keys(selector).length === 0) return false;
  return selectorMatches(selectorFromSet(selector), labels);
}

/** JSON equality for API values (key order of objects matters, which holds for what we build ourselves). */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The object as a typed view (API objects are JSON; the kubernetes-types shapes describe them). */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- a typed view of JSON is the point
export function as<T>(object: KubeObject): T {
  return object as unknown as T;
}
