/** The predicate a list or watch applies: its label selector and its field selector together. */
import { parseSelector, selectorMatches } from '../../api/labels/index.ts';
import { type Status, badRequest } from '../../api/status.ts';
import type { ResourceInfo } from '../resources.ts';
import { asRecord } from '../rest/objects.ts';
import { type Result, fail, ok } from '../rest/result.ts';
import { convertFieldLabel, fieldValue } from './field-labels.ts';
import { parseFieldSelector } from './field-selector.ts';

/** Whether an object is selected. */
export type ObjectFilter = (object: Record<string, unknown>) => boolean;

/** Builds the filter for `labelSelector` and `fieldSelector` (either may be absent), or the 400 to answer. */
export function buildFilter(
  info: ResourceInfo,
  labelSelector: string | undefined,
  fieldSelector: string | undefined,
): Result<ObjectFilter> {
  const labels = parseSelector(labelSelector ?? '');
  if (!labels.ok) return fail(badRequest(labels.error));
  const fields = parseFieldSelector(fieldSelector ?? '');
  if (!fields.ok) return fail(badRequest(fields.error));
  const terms: { field: string; operator: '=' | '!='; value: string }[] = [];
  for (const requirement of fields.requirements) {
    const converted = convertFieldLabel(info, requirement.field);
    if (!converted.ok) return fail(badRequest(converted.error) satisfies Status);
    terms.push({ ...requirement, field: converted.field });
  }
  const selector = labels.selector;
  return ok((object) => {
    const meta = asRecord(object['metadata']);
    if (!selectorMatches(selector, asRecord(meta['labels']) as Record<string, string>)) return false;
    return terms.every((term) => (fieldValue(object, term.field) === term.value) === (term.operator === '='));
  });
}
