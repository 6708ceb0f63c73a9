/** Building, matching and printing one selector requirement (apimachinery `labels.Requirement`). */
import { aggregateMessage } from '../aggregate.ts';
import { type FieldError, fieldErrorString, invalid, notSupported } from '../field-errors.ts';
import { compareGoStrings, goStringSliceOrNil } from '../go-format.ts';
import { isQualifiedName, isValidLabelValue } from '../validation/names.ts';
import { BINARY_OPERATORS, type Labels, Operator, type Requirement, UNARY_OPERATORS } from './types.ts';

/** A requirement, or the reasons it is invalid (its field errors and their aggregated message). */
export type RequirementResult =
  | { readonly ok: true; readonly requirement: Requirement }
  | { readonly ok: false; readonly errors: readonly FieldError[]; readonly message: string };

/** Joins a child name onto an optional parent path; a missing parent is Go's nil path. */
function child(path: string | undefined, name: string): string {
  return path === undefined || path === '' ? name : `${path}.${name}`;
}

/** `key` must be a qualified name; all messages are joined with "; " into one error. */
export function validateLabelKey(key: string, path: string): FieldError | undefined {
  const messages = isQualifiedName(key);
  return messages.length === 0 ? undefined : invalid(path, key, messages.join('; '));
}

function validateLabelValue(key: string, value: string, path: string): FieldError | undefined {
  const messages = isValidLabelValue(value);
  return messages.length === 0 ? undefined : invalid(`${path}[${key}]`, value, messages.join('; '));
}

const GO_INT64 = /^[+-]?[0-9]+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.ParseInt(value, 10, 64): the value, or `undefined` when Go would fail. */
export function parseInt64(value: string): bigint | undefined {
  if (!GO_INT64.test(value)) return undefined;
  const n = BigInt(value);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

function operatorErrors(op: Operator, values: readonly string[] | undefined, path: string | undefined): FieldError[] {
  const vals = values ?? [];
  const valuesPath = child(path, 'values');
  const shown = goStringSliceOrNil(values);
  switch (op) {
    case Operator.In:
    case Operator.NotIn:
      return vals.length === 0
        ? [invalid(valuesPath, shown, "for 'in', 'notin' operators, values set can't be empty")]
        : [];
    case Operator.Equals:
    case Operator.DoubleEquals:
    case Operator.NotEquals:
      return vals.length === 1
        ? []
        : [invalid(valuesPath, shown, 'exact-match compatibility requires one single value')];
    case Operator.Exists:
    case Operator.DoesNotExist:
      return vals.length === 0
        ? []
        : [invalid(valuesPath, shown, 'values set must be empty for exists and does not exist')];
    case Operator.GreaterThan:
    case Operator.LessThan: {
      const errors: FieldError[] = [];
      if (vals.length !== 1) {
        errors.push(invalid(valuesPath, shown, "for 'Gt', 'Lt' operators, exactly one value is required"));
      }
      vals.forEach((value, i) => {
        if (parseInt64(value) === undefined) {
          errors.push(invalid(`${valuesPath}[${i}]`, value, "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      });
      return errors;
    }
    default:
      return [notSupported(child(path, 'operator'), op, [...BINARY_OPERATORS, ...UNARY_OPERATORS])];
  }
}

/**
 * NewRequirement: validates the key, the operator's value count and each value. `values`
 * undefined stands for a nil slice (it prints as `[]string(nil)` in messages).
 */
export function newRequirement(
  key: string,
  operator: Operator,
  values: readonly string[] | undefined,
  path?: string,
): RequirementResult {
  const errors: FieldError[] = [];
  const keyError = validateLabelKey(key, child(path, 'key'));
  if (keyError !== undefined) errors.push(keyError);
  errors.push(...operatorErrors(operator, values, path));
  (values ?? []).forEach((value, i) => {
    const valueError = validateLabelValue(key, value, `${child(path, 'values')}[${i}]`);
    if (valueError !== undefined) errors.push(valueError);
  });
  if (errors.length > 0) return { ok: false, errors, message: aggregateMessage(errors.map(fieldErrorString)) };
  return { ok: true, requirement: { key, operator, values: [...(values ?? [])] } };
}

function compareInt(operator: Operator, labelValue: string, values: readonly string[]): boolean {
  const have = parseInt64(labelValue);
  const [only] = values;
  if (have === undefined || values.length !== 1 || only === undefined) return false;
  const want = parseInt64(only);
  if (want === undefined) return false;
  return operator === Operator.GreaterThan ? have > want : have < want;
}

/** Whether one requirement holds for a label map. */
export function requirementMatches(req: Requirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, req.key);
  const value = labels[req.key] ?? '';
  switch (req.operator) {
    case Operator.In:
    case Operator.Equals:
    case Operator.DoubleEquals:
      return has && req.values.includes(value);
    case Operator.NotIn:
    case Operator.NotEquals:
      return !has || !req.values.includes(value);
    case Operator.Exists:
      return has;
    case Operator.DoesNotExist:
      return !has;
    case Operator.GreaterThan:
    case Operator.LessThan:
      return has && compareInt(req.operator, value, req.values);
  }
}

const OPERATOR_TEXT: Readonly<Record<Operator, string>> = {
  '=': '=',
  '==': '==',
  '!=': '!=',
  in: ' in ',
  notin: ' notin ',
  gt: '>',
  lt: '<',
  exists: '',
  '!': '',
};

/** Requirement.String(): `!a`, `a`, `a=b`, `a!=b`, `a in (x,y)` (values sorted), `a>1`. */
export function formatRequirement(req: Requirement): string {
  if (req.operator === Operator.Exists) return req.key;
  if (req.operator === Operator.DoesNotExist) return `!${req.key}`;
  const values = req.values.length === 1 ? (req.values[0] ?? '') : [...req.values].sort(compareGoStrings).join(',');
  const isSet = req.operator === Operator.In || req.operator === Operator.NotIn;
  return `${req.key}${OPERATOR_TEXT[req.operator]}${isSet ? `(${values})` : values}`;
}
