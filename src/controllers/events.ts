/** Events as upstream's recorder writes them: `<object>.<unix nanoseconds in hex>`, one per occurrence. */
import type { KubeObject } from './client.ts';
import { type ControllerContext, timestamp } from './context.ts';
import { EVENTS } from './resources.ts';

// Distinguishes events recorded within the same millisecond (the clock may be fixed in tests).
let serial = 0;

/** Records an Event about `object` from `component`. */
export async function recordEvent(
  context: ControllerContext,
  object: KubeObject,
  component: string,
  event: { readonly type: 'Normal' | 'Warning'; readonly reason: string; readonly message: string },
): Promise<void> {
  const time = timestamp(context.clock);
  const nanos = BigInt(context.clock.now().getTime()) * 1_000_000n + BigInt(serial++ % 1_000_000);
  const { namespace, name, uid } = object.metadata;
  await context.client.create(EVENTS, namespace, {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${name}.${nanos.toString(16)}`, namespace },
    involvedObject: { kind: object['kind'] ?? 'Pod', namespace, name, uid, apiVersion: object['apiVersion'] ?? 'v1' },
    ...event,
    source: { component },
    reportingComponent: component,
    reportingInstance: component,
    firstTimestamp: time,
    lastTimestamp: time,
    count: 1,
  });
}
