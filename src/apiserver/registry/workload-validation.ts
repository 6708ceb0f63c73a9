/** Validation shared by Deployments and ReplicaSets: a selector that matches the template, and runnable containers. */
import type { LabelSelector } from 'kubernetes-types/meta/v1.d.ts';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.d.ts';
import { type FieldError, goLiteral, goQuote, invalid, required } from '../../api/field-errors.ts';
import { labelSelectorAsSelector, selectorMatches } from '../../api/labels/index.ts';

/** Go's `%#v` of a `map[string]string`: keys sorted, `map[string]string{"app":"web"}`. */
function goStringMap(map: Readonly<Record<string, string>>): string {
  const entries = Object.keys(map)
    .sort()
    .map((key) => `${goQuote(key)}:${goQuote(map[key] ?? '')}`);
  return `map[string]string{${entries.join(', ')}}`;
}

/** `spec.selector` present, non-empty and matching `spec.template.metadata.labels`. */
export function validateSelectorAndTemplate(
  selector: LabelSelector | undefined,
  template: PodTemplateSpec | undefined,
  kind: string,
): FieldError[] {
  if (selector === undefined) return [required('spec.selector')];
  const empty = Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
  if (empty)
    return [invalid('spec.selector', goLiteral('&v1.LabelSelector{}'), `empty selector is invalid for ${kind}`)];
  const labels = template?.metadata?.labels ?? {};
  const parsed = labelSelectorAsSelector(selector);
  if (!parsed.ok || !selectorMatches(parsed.selector, labels)) {
    return [
      invalid(
        'spec.template.metadata.labels',
        goLiteral(goStringMap(labels)),
        '`selector` does not match template `labels`',
      ),
    ];
  }
  return [];
}

/** At least one container, each with a name and an image. */
export function validateContainers(template: PodTemplateSpec | undefined, path = 'spec.template.spec'): FieldError[] {
  const containers = template?.spec?.containers ?? [];
  if (containers.length === 0) return [required(`${path}.containers`)];
  return containers.flatMap((container, i) => [
    ...(((container.name as string | undefined) ?? '') === '' ? [required(`${path}.containers[${i}].name`)] : []),
    ...((container.image ?? '') === '' ? [required(`${path}.containers[${i}].image`)] : []),
  ]);
}
