/** The metadata fields the server owns: uid, timestamps, generation, generated names. */
import { randomInt, randomUUID } from 'node:crypto';
import type { KubeObject } from '../registry/strategy.ts';
import type { ResourceInfo } from '../resources.ts';
import { cloneJson, jsonEqual, metadataOf } from './objects.ts';

// apimachinery's `rand.String` alphabet: no vowels, no confusable characters.
const generateNameAlphabet = 'bcdfghjklmnpqrstvwxz2456789';
const generatedSuffixLength = 5;

/** `metav1.Time` as JSON: RFC 3339 with whole seconds. */
export function formatTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

/** `prefix` plus five random characters, as the names generator makes them. */
export function generateName(prefix: string): string {
  let suffix = '';
  for (let i = 0; i < generatedSuffixLength; i++)
    suffix += generateNameAlphabet.charAt(randomInt(generateNameAlphabet.length));
  return `${prefix}${suffix}`;
}

/** Sets kind and apiVersion from the URL's resource. */
export function stampTypeMeta(object: KubeObject, info: ResourceInfo): void {
  object.apiVersion = info.group === '' ? info.version : `${info.group}/${info.version}`;
  object.kind = info.kind;
}

/** A copy with kind and apiVersion set from the URL's resource and placed first, as upstream serializes them. */
export function withTypeMeta(object: KubeObject, info: ResourceInfo): KubeObject {
  const typeMeta = { kind: info.kind, apiVersion: info.group === '' ? info.version : `${info.group}/${info.version}` };
  return Object.assign({ ...typeMeta }, object, typeMeta);
}

/** Fills the system fields of a new object (BeforeCreate): fresh uid and timestamp, no client-set server fields. */
export function prepareCreateMeta(object: KubeObject, now: Date, tracksGeneration: boolean): void {
  const meta = metadataOf(object);
  meta['uid'] = randomUUID();
  meta['creationTimestamp'] = formatTimestamp(now);
  delete meta['deletionTimestamp'];
  delete meta['deletionGracePeriodSeconds'];
  delete meta['resourceVersion'];
  delete meta['selfLink'];
  // Field ownership is not tracked (see README.md): managedFields are never stored.
  delete meta['managedFields'];
  if (tracksGeneration) meta['generation'] = 1;
  else delete meta['generation'];
}

/** Carries the server-owned fields of `old` into an update (BeforeUpdate), and bumps generation on spec changes. */
export function prepareUpdateMeta(object: KubeObject, old: KubeObject): void {
  const meta = metadataOf(object);
  const oldMeta = metadataOf(cloneJson(old));
  for (const field of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds'] as const) {
    meta[field] = oldMeta[field];
    // An unset field stays absent rather than becoming an explicit undefined.
    if (meta[field] === undefined) Reflect.deleteProperty(meta, field);
  }
  delete meta['selfLink'];
  delete meta['managedFields'];
  if (oldMeta['generation'] === undefined) delete meta['generation'];
  else meta['generation'] = oldMeta['generation'];
}

/** Sets `metadata.generation` after admission: one more than the stored one when the spec changed. */
export function bumpGeneration(object: KubeObject, old: KubeObject, tracksGeneration: boolean): void {
  if (!tracksGeneration) return;
  const previous = typeof old.metadata?.generation === 'number' ? old.metadata.generation : 0;
  const changed = !jsonEqual(object['spec'], old['spec']);
  metadataOf(object)['generation'] = changed ? previous + 1 : Math.max(previous, 1);
}
