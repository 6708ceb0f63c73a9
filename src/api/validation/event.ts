/**
 * core/v1 Events: upstream's lenient legacy rules (`legacyValidateEvent`, v1.34) — the involved object's namespace,
 * and for new-style events (with `eventTime`) the reporting fields and length limits. Metadata is checked as for
 * every other kind.
 */
import type { Event } from 'kubernetes-types/core/v1.d.ts';
import { type FieldError, invalid, required } from '../field-errors.ts';
import { validateQualifiedName } from './common.ts';
import { byteLength } from './messages.ts';
import { isDNS1123Subdomain, nameIsDNSSubdomain } from './names.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.ts';
import { checkShape, objectMetaShape, objectShape, type Shape, objectReferenceShape } from './shape.ts';

/** The JSON shape of the fields an Event's rules read. */
export const eventShape: Shape = objectShape({
  metadata: objectMetaShape,
  involvedObject: objectReferenceShape,
  related: objectReferenceShape,
  reason: 'string',
  message: 'string',
  type: 'string',
  action: 'string',
  count: 'int32',
  eventTime: 'string',
  firstTimestamp: 'string',
  lastTimestamp: 'string',
  reportingComponent: 'string',
  reportingInstance: 'string',
  source: objectShape({ component: 'string', host: 'string' }),
});

function lengthLimit(value: string, limit: number, path: string): FieldError[] {
  return byteLength(value) > limit ? [invalid(path, '', `can have at most ${String(limit)} characters`)] : [];
}

function validateReporting(event: Event): FieldError[] {
  const errors: FieldError[] = [];
  const controller = event.reportingComponent ?? '';
  if (controller === '') errors.push(required('reportingController'));
  errors.push(...validateQualifiedName(controller, 'reportingController'));
  const instance = event.reportingInstance ?? '';
  if (instance === '') errors.push(required('reportingInstance'));
  errors.push(...lengthLimit(instance, 128, 'reportingInstance'));
  const action = event.action ?? '';
  if (action === '') errors.push(required('action'));
  errors.push(...lengthLimit(action, 128, 'action'));
  const reason = event.reason ?? '';
  if (reason === '') errors.push(required('reason'));
  errors.push(...lengthLimit(reason, 128, 'reason'));
  errors.push(...lengthLimit(event.message ?? '', 1024, 'message'));
  return errors;
}

function legacyValidateEvent(event: Event): FieldError[] {
  const errors: FieldError[] = [];
  const metadata = event.metadata as Event['metadata'] | undefined;
  const namespace = metadata?.namespace ?? '';
  const involved = event.involvedObject.namespace ?? '';
  const mismatch = (): FieldError => invalid('involvedObject.namespace', involved, 'does not match event.namespace');
  if ((event.eventTime ?? '') === '') {
    if (involved === '' ? namespace !== '' && namespace !== 'default' : namespace !== involved) errors.push(mismatch());
  } else {
    if (involved === '' && namespace !== 'default' && namespace !== 'kube-system') errors.push(mismatch());
    errors.push(...validateReporting(event));
  }
  errors.push(...isDNS1123Subdomain(namespace).map((msg) => invalid('namespace', namespace, msg)));
  return errors;
}

/** Create (or update, when `old` is given) of a core/v1 Event. */
export function validateEvent(object: unknown, old?: unknown): FieldError[] {
  const shapeErrors = checkShape(object, eventShape);
  if (shapeErrors.length > 0) return shapeErrors;
  const event = { involvedObject: {}, ...(object as object | null) } as Event;
  const meta =
    old === undefined
      ? validateObjectMeta(event.metadata, true, nameIsDNSSubdomain)
      : validateObjectMetaUpdate(event.metadata, (old as Event | null)?.metadata);
  return [...meta, ...legacyValidateEvent(event)];
}
