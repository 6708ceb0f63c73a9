/**
 * Objects in and out of the store. The store keeps JSON text without `metadata.resourceVersion`
 * and stamps the revision of the row on every read, so the two can never disagree.
 */
import { invalidArgument } from './errors.ts';
import type { StoredObject } from './types.ts';

/** The JSON text stored for `object`, without `metadata.resourceVersion`; `InvalidArgument` if it is no JSON object. */
export function encodeObject(object: unknown): string {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) {
    throw invalidArgument('an object must be a JSON object');
  }
  const metadata: unknown = (object as { metadata?: unknown }).metadata;
  if (metadata !== undefined && (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))) {
    throw invalidArgument('metadata must be an object');
  }
  const text = stringifyWithout(object, metadata, 'resourceVersion');
  // A toJSON() may still turn the object into something else.
  if (text === undefined || !text.startsWith('{')) throw invalidArgument('an object must be a JSON object');
  return text;
}

// JSON text of `object` without `field` of `metadata` (the root's own metadata object, not nested ones).
function stringifyWithout(object: object, metadata: unknown, field: string): string | undefined {
  try {
    return JSON.stringify(object, function drop(this: unknown, name: string, value: unknown) {
      return this === metadata && name === field ? undefined : value;
    });
  } catch (error) {
    throw invalidArgument(`an object must be JSON: ${(error as Error).message}`, error);
  }
}

/** A fresh object from stored JSON, with `metadata.resourceVersion` set to `revision`. */
export function decodeObject(text: string, revision: number): StoredObject {
  const object = JSON.parse(text) as { metadata?: { resourceVersion?: string } };
  const metadata = object.metadata ?? {};
  metadata.resourceVersion = String(revision);
  object.metadata = metadata;
  return object as StoredObject;
}
