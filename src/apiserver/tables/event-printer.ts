/** `kubectl get events` columns and cells (upstream `printEvent`, `formatEventSource`). */
import type { Event } from 'kubernetes-types/core/v1.d.ts';
import { column, NAME_COLUMN } from './columns.ts';
import {
  EVENT_COUNT,
  EVENT_FIRST_TIMESTAMP,
  EVENT_INVOLVED_OBJECT,
  EVENT_LAST_TIMESTAMP,
  EVENT_MESSAGE,
  EVENT_REASON,
  EVENT_SOURCE,
  EVENT_TYPE,
  OBJECT_REFERENCE_FIELD_PATH,
} from './descriptions.ts';
import { parseTimestamp, translateTimestampSince } from './duration.ts';
import { loose } from './loose.ts';
import type { PrintableObject, Printer, TableCell } from './types.ts';

function nonEmpty(...values: (string | undefined)[]): string {
  return values.find((v) => v !== undefined && v !== '') ?? '';
}

/** The SOURCE cell: `component, host`, falling back to the reporting controller and instance. */
export function eventSource(event: Event): string {
  const component = nonEmpty(event.source?.component, event.reportingComponent);
  const instance = nonEmpty(event.source?.host, event.reportingInstance);
  return instance === '' ? component : `${component}, ${instance}`;
}

/** The OBJECT cell: `kind/name` in lower case, or just the kind. */
export function eventObject(event: Event): string {
  const involved = loose(event.involvedObject);
  const kind = (involved?.kind ?? '').toLowerCase();
  const name = involved?.name ?? '';
  return name === '' ? kind : `${kind}/${name}`;
}

interface EventTimes {
  readonly first: string;
  readonly last: string;
  readonly count: number;
}

/** First/last seen and the count, with the fallbacks the events.k8s.io API's events need. */
export function eventTimes(event: Event, now: Date): EventTimes {
  const first =
    parseTimestamp(event.firstTimestamp) === undefined
      ? translateTimestampSince(event.eventTime, now)
      : translateTimestampSince(event.firstTimestamp, now);
  let last =
    parseTimestamp(event.lastTimestamp) === undefined ? first : translateTimestampSince(event.lastTimestamp, now);
  let count = event.count ?? 0;
  if (event.series !== undefined) {
    last = translateTimestampSince(event.series.lastObservedTime, now);
    count = event.series.count ?? 0;
  } else if (count === 0) {
    // Singleton events of the new API carry no count.
    count = 1;
  }
  return { first, last, count };
}

function eventCells(object: PrintableObject, now: Date): TableCell[] {
  const event = object as Event;
  const times = eventTimes(event, now);
  return [
    times.last,
    event.type ?? '',
    event.reason ?? '',
    eventObject(event),
    loose(event.involvedObject)?.fieldPath ?? '',
    eventSource(event),
    (event.message ?? '').trim(),
    times.first,
    times.count,
    object.metadata?.name ?? '',
  ];
}

/** The Event printer; its Name column comes last and only with `-o wide`. */
export const eventPrinter: Printer = {
  columns: [
    column('Last Seen', 'string', EVENT_LAST_TIMESTAMP),
    column('Type', 'string', EVENT_TYPE),
    column('Reason', 'string', EVENT_REASON),
    column('Object', 'string', EVENT_INVOLVED_OBJECT),
    column('Subobject', 'string', OBJECT_REFERENCE_FIELD_PATH, { priority: 1 }),
    column('Source', 'string', EVENT_SOURCE, { priority: 1 }),
    column('Message', 'string', EVENT_MESSAGE),
    column('First Seen', 'string', EVENT_FIRST_TIMESTAMP, { priority: 1 }),
    column('Count', 'string', EVENT_COUNT, { priority: 1 }),
    { ...NAME_COLUMN, priority: 1 },
  ],
  cells: eventCells,
};
