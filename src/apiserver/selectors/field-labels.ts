/**
 * The fields each kind can be selected by (the `SelectableFields` and field-label conversions of
 * pkg/apis/core/v1 and apps/v1), and how an object's value for one is read.
 */
import type { ResourceInfo } from '../resources.ts';
import { asRecord } from '../rest/objects.ts';

const metaFields = ['metadata.name', 'metadata.namespace'];

// Kinds without an entry get runtime.DefaultMetaV1FieldSelectorConversion: name and namespace only.
const conversions: Readonly<Record<string, readonly string[]>> = {
  Service: [...metaFields, 'spec.clusterIP', 'spec.type'],
  Pod: [
    ...metaFields,
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
    ...metaFields,
  ],
  Namespace: ['status.phase', 'metadata.name'],
  Node: ['metadata.name', 'spec.unschedulable'],
  ReplicaSet: [...metaFields, 'status.replicas'],
};

// Old clients' spelling that upstream rewrites before matching.
const aliases: Readonly<Record<string, Readonly<Record<string, string>>>> = { Pod: { 'spec.host': 'spec.nodeName' } };

/** The field to match for `label` on `info`'s kind, or upstream's error text when the kind has no such field. */
export function convertFieldLabel(
  info: ResourceInfo,
  label: string,
): { ok: true; field: string } | { ok: false; error: string } {
  const alias = aliases[info.kind]?.[label];
  if (alias !== undefined) return { ok: true, field: alias };
  const supported = conversions[info.kind];
  if (supported === undefined) {
    if (metaFields.includes(label)) return { ok: true, field: label };
    return { ok: false, error: `"${label}" is not a known field selector: only "metadata.name", "metadata.namespace"` };
  }
  if (supported.includes(label)) return { ok: true, field: label };
  return { ok: false, error: `field label not supported: ${label}` };
}

// Selectable fields that upstream fills even when the object leaves them unset.
const defaults: Readonly<Record<string, string>> = { 'spec.hostNetwork': 'false', 'spec.unschedulable': 'false' };

/** The string value of a selectable field (`''` when unset), as the fields.Set upstream builds holds it. */
export function fieldValue(object: Record<string, unknown>, field: string): string {
  const path = field === 'source' ? ['source', 'component'] : field.split('.');
  let value: unknown = object;
  for (const part of path) value = asRecord(value)[part];
  if (value === undefined || value === null) return defaults[field] ?? '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}
