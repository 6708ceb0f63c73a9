/**
 * Graceful deletion (upstream's `BeforeDelete`): a DELETE of an object whose strategy grants a grace period marks it
 * with `deletionTimestamp` and `deletionGracePeriodSeconds` instead of removing it; a later DELETE may shorten the
 * period, and a period of 0 removes it.
 */
import type { KubeObject, Strategy } from '../registry/strategy.ts';
import { cloneJson, metadataOf } from './objects.ts';
import { formatTimestamp } from './system-fields.ts';

/** What a DELETE does to an object. */
export type GracefulStep =
  /** Remove it now. */
  | { readonly kind: 'remove' }
  /** It is already terminating within the asked period: nothing changes. */
  | { readonly kind: 'pending' }
  /** Store this copy, which carries the deletion timestamp and period. */
  | { readonly kind: 'mark'; readonly object: KubeObject };

function marked(object: KubeObject, deadline: Date, period: number): GracefulStep {
  const copy = cloneJson(object);
  const meta = metadataOf(copy);
  meta['deletionTimestamp'] = formatTimestamp(deadline);
  meta['deletionGracePeriodSeconds'] = period;
  return { kind: 'mark', object: copy };
}

/** Decides the step for a DELETE asking for `requested` seconds (undefined when the request names none). */
export function gracefulStep(
  strategy: Strategy,
  object: KubeObject,
  requested: number | undefined,
  now: Date,
): GracefulStep {
  if (strategy.gracePeriodSeconds === undefined) return { kind: 'remove' };
  const meta = metadataOf(object);
  const since = meta['deletionTimestamp'];
  if (typeof since === 'string') {
    if (requested === undefined) return { kind: 'pending' };
    const current = meta['deletionGracePeriodSeconds'];
    if (typeof current === 'number' && current <= requested) return { kind: 'pending' };
    if (requested <= 0) return { kind: 'remove' };
    // Shortened from when it was asked, not from now: the deadline only ever moves closer.
    const start = Date.parse(since) - (typeof current === 'number' ? current : 0) * 1000;
    return marked(object, new Date(start + requested * 1000), requested);
  }
  const period = strategy.gracePeriodSeconds(object, requested);
  if (period === 0) return { kind: 'remove' };
  return marked(object, new Date(now.getTime() + period * 1000), period);
}
