/** Taints (Nodes) and tolerations (Pods): upstream `validateNodeTaints`, `ValidateTolerations`, `validateTaintEffect`. */
import type { Taint, Toleration } from 'kubernetes-types/core/v1.d.ts';
import { type FieldError, goLiteral, goQuote, invalid, notSupported, required } from '../field-errors.ts';
import { validateLabelName } from '../labels/validate.ts';
import { text } from './common.ts';
import { isValidLabelValue } from './names.ts';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function validateTaintEffect(effect: string, allowEmpty: boolean, path: string): FieldError[] {
  if (!allowEmpty && effect === '') return [required(path)];
  return TAINT_EFFECTS.includes(effect) ? [] : [notSupported(path, effect, TAINT_EFFECTS)];
}

/** Go's `%#v` of a core.Taint, the value of a duplicate-taint error. */
function goTaint(taint: Taint): string {
  return `core.Taint{Key:${goQuote(taint.key)}, Value:${goQuote(taint.value ?? '')}, Effect:${goQuote(taint.effect)}, TimeAdded:<nil>}`;
}

/** validateNodeTaints: key a label name, value a label value, a known effect, unique per key and effect. */
export function validateNodeTaints(taints: readonly Taint[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  taints.forEach((given, i) => {
    const taint: Taint = { ...given, key: text(given.key), effect: text(given.effect) };
    const taintPath = `${path}[${String(i)}]`;
    errors.push(...validateLabelName(taint.key, `${taintPath}.key`));
    const value = taint.value ?? '';
    const valueErrors = isValidLabelValue(value);
    if (valueErrors.length > 0) errors.push(invalid(`${taintPath}.value`, value, valueErrors.join(';')));
    errors.push(...validateTaintEffect(taint.effect, false, `${taintPath}.effect`));
    const key = `${taint.effect}\u0000${taint.key}`;
    if (seen.has(key)) {
      errors.push({
        reason: 'FieldValueDuplicate',
        field: taintPath,
        badValue: goLiteral(goTaint(taint)),
        detail: 'taints must be unique by key and effect pair',
      });
      return;
    }
    seen.add(key);
  });
  return errors;
}

function validateToleration(toleration: Toleration, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const key = toleration.key ?? '';
  const operator = toleration.operator ?? '';
  const effect = toleration.effect ?? '';
  const value = toleration.value ?? '';
  if (key !== '') errors.push(...validateLabelName(key, `${path}.key`));
  if (key === '' && operator !== 'Exists') {
    const detail = 'operator must be Exists when `key` is empty, which means "match all values and all keys"';
    errors.push(invalid(`${path}.operator`, operator, detail));
  }
  if (toleration.tolerationSeconds !== undefined && effect !== 'NoExecute') {
    errors.push(invalid(`${path}.effect`, effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
  }
  if (operator === 'Equal' || operator === '') {
    const valueErrors = isValidLabelValue(value);
    if (valueErrors.length > 0) errors.push(invalid(`${path}.operator`, value, valueErrors.join(';')));
  } else if (operator === 'Exists') {
    if (value !== '')
      errors.push(invalid(`${path}.operator`, value, "value must be empty when `operator` is 'Exists'"));
  } else {
    errors.push(notSupported(`${path}.operator`, operator, ['Equal', 'Exists']));
  }
  if (effect !== '') errors.push(...validateTaintEffect(effect, true, `${path}.effect`));
  return errors;
}

/** ValidateTolerations. */
export function validateTolerations(tolerations: readonly Toleration[], path: string): FieldError[] {
  return tolerations.flatMap((toleration, i) => validateToleration(toleration, `${path}[${String(i)}]`));
}
