/**
 * Selectors as values: matching, canonical printing, and conversion from metav1.LabelSelector
 * (apimachinery `labels.Selector`, `metav1.LabelSelectorAsSelector`).
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1.d.ts';
import { goQuote } from '../field-errors.ts';
import { compareGoStrings } from '../go-format.ts';
import { formatRequirement, newRequirement, requirementMatches } from './requirement.ts';
import { type Labels, Operator, type Requirement, type Selector, type SelectorResult } from './types.ts';

/** The selector that matches every object (an empty selector). */
export const EVERYTHING: Selector = { kind: 'requirements', requirements: [] };

/** The selector that matches no object (a null metav1.LabelSelector). */
export const NOTHING: Selector = { kind: 'nothing' };

/** Requirements ordered by key, keeping the given order among equal keys. */
export function sortRequirements(requirements: readonly Requirement[]): Requirement[] {
  return [...requirements].sort((a, b) => compareGoStrings(a.key, b.key));
}

/** Whether every requirement holds for `labels` (never, for NOTHING). */
export function selectorMatches(selector: Selector, labels: Labels | undefined): boolean {
  if (selector.kind === 'nothing') return false;
  const set = labels ?? {};
  return selector.requirements.every((req) => requirementMatches(req, set));
}

/** True for a selector that does not restrict anything. */
export function isEverything(selector: Selector): boolean {
  return selector.kind === 'requirements' && selector.requirements.length === 0;
}

/** Selector.String(): requirements joined by commas, e.g. `a in (x,y),b!=c`; '' for NOTHING. */
export function formatSelector(selector: Selector): string {
  return selector.kind === 'nothing' ? '' : selector.requirements.map(formatRequirement).join(',');
}

/** SelectorFromSet: `k=v` for each label (no validation), e.g. a Service's spec.selector. */
export function selectorFromSet(set: Labels | undefined): Selector {
  const requirements = Object.entries(set ?? {}).map(([key, value]): Requirement => ({
    key,
    operator: Operator.Equals,
    values: [value],
  }));
  return { kind: 'requirements', requirements: sortRequirements(requirements) };
}

const EXPRESSION_OPERATORS: Readonly<Record<string, Operator>> = {
  In: Operator.In,
  NotIn: Operator.NotIn,
  Exists: Operator.Exists,
  DoesNotExist: Operator.DoesNotExist,
};

/**
 * LabelSelectorAsSelector: null selects nothing, an empty selector everything; otherwise
 * matchLabels (as `k=v`) and matchExpressions, validated, sorted by key.
 */
export function labelSelectorAsSelector(selector: LabelSelector | undefined): SelectorResult {
  if (selector === undefined) return { ok: true, selector: NOTHING };
  const labels = selector.matchLabels ?? {};
  const expressions = selector.matchExpressions ?? [];
  if (Object.keys(labels).length + expressions.length === 0) return { ok: true, selector: EVERYTHING };
  const requirements: Requirement[] = [];
  for (const key of Object.keys(labels).sort()) {
    const result = newRequirement(key, Operator.Equals, [labels[key] ?? '']);
    if (!result.ok) return { ok: false, error: result.message };
    requirements.push(result.requirement);
  }
  for (const expr of expressions) {
    const op = EXPRESSION_OPERATORS[expr.operator];
    if (op === undefined) return { ok: false, error: `${goQuote(expr.operator)} is not a valid pod selector operator` };
    // Upstream copies values with append([]string(nil), ...): an empty list becomes nil.
    const values = expr.values === undefined || expr.values.length === 0 ? undefined : expr.values;
    const result = newRequirement(expr.key, op, values);
    if (!result.ok) return { ok: false, error: result.message };
    requirements.push(result.requirement);
  }
  return { ok: true, selector: { kind: 'requirements', requirements: sortRequirements(requirements) } };
}
