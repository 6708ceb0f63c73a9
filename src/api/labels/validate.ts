/** Label key/value and metav1.LabelSelector validation (apimachinery `meta/v1/validation`). */
import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1.d.ts';
import { type FieldError, forbidden, invalid, required } from '../field-errors.ts';
import { isQualifiedName, isValidLabelValue } from '../validation/names.ts';

/** `path: Invalid value: "Bad Key": name part must consist of ...` for each failed rule. */
export function validateLabelName(name: string, path: string): FieldError[] {
  return isQualifiedName(name).map((msg) => invalid(path, name, msg));
}

/**
 * Keys must be qualified names and values valid label values; every error is reported on `path`
 * itself, as upstream does. Keys are visited in sorted order so the output is stable.
 */
export function validateLabels(labels: Readonly<Record<string, string>> | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of Object.keys(labels ?? {}).sort()) {
    const value = labels?.[key] ?? '';
    errors.push(...validateLabelName(key, path));
    errors.push(...isValidLabelValue(value).map((msg) => invalid(path, value, msg)));
  }
  return errors;
}

/** Options of ValidateLabelSelector. */
export interface LabelSelectorValidationOptions {
  /** Skip value checks in matchExpressions (upstream allows this for old stored objects). */
  readonly allowInvalidLabelValueInSelector?: boolean;
}

function validateRequirement(
  req: LabelSelectorRequirement,
  options: LabelSelectorValidationOptions,
  path: string,
): FieldError[] {
  const errors: FieldError[] = [];
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) {
        errors.push(required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      }
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) {
        errors.push(forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      }
      break;
    default:
      errors.push(invalid(`${path}.operator`, req.operator, 'not a valid selector operator'));
  }
  errors.push(...validateLabelName(req.key, `${path}.key`));
  if (options.allowInvalidLabelValueInSelector !== true) {
    values.forEach((value, i) => {
      errors.push(...isValidLabelValue(value).map((msg) => invalid(`${path}.values[${i}]`, value, msg)));
    });
  }
  return errors;
}

/** Validates a metav1.LabelSelector (matchLabels, then each matchExpression). */
export function validateLabelSelector(
  selector: LabelSelector | undefined,
  path: string,
  options: LabelSelectorValidationOptions = {},
): FieldError[] {
  if (selector === undefined) return [];
  const errors = validateLabels(selector.matchLabels, `${path}.matchLabels`);
  (selector.matchExpressions ?? []).forEach((req, i) => {
    errors.push(...validateRequirement(req, options, `${path}.matchExpressions[${i}]`));
  });
  return errors;
}
