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

// RFC 3339 has four-digit years: a deadline past this one is as good as never (and still prints).
const LATEST_DEADLINE_MS = Date.UTC(9999, 11, 31, 23, 59, 59);
const EARLIEST_DEADLINE_MS = Date.UTC(1, 0, 1);

/**
 * `start` plus `seconds`, kept within what a timestamp can say: any number (1e30, -5, 2^63) gives a printable
 * deadline instead of an invalid Date that would throw when formatted.
 */
export function deadlineAfter(startMs: number, seconds: number): Date {
  const target = startMs + seconds * 1000;
  if (Number.isNaN(target)) return new Date(startMs);
  return new Date(Math.min(LATEST_DEADLINE_MS, Math.max(EARLIEST_DEADLINE_MS, target)));
}

/** A period as an integer number of seconds; anything that is not a finite number counts as `fallback`. */
function wholeSeconds(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : fallback;
}

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
    const sinceMs = Date.parse(since);
    const start = deadlineAfter(Number.isNaN(sinceMs) ? now.getTime() : sinceMs, -wholeSeconds(current, 0));
    return marked(object, deadlineAfter(start.getTime(), requested), requested);
  }
  // A spec may hold any JSON value here; what is not a number counts as upstream's default of 30.
  const period = wholeSeconds(strategy.gracePeriodSeconds(object, requested), 30);
  if (period <= 0) return { kind: 'remove' };
  return marked(object, deadlineAfter(now.getTime(), period), period);
}
