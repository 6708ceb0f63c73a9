/** Cells shared by the workload printers: the pod template's containers and the label selector. */
import type { Container } from 'kubernetes-types/core/v1.d.ts';
import type { LabelSelector } from 'kubernetes-types/meta/v1.d.ts';
import { formatSelector, labelSelectorAsSelector } from '../../api/labels/index.ts';

/** `layoutContainerCells`: container names and images, each comma-joined. */
export function containerCells(containers: readonly Container[] | undefined): [names: string, images: string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

/** `metav1.FormatLabelSelector`: the selector string, `<none>` when it selects everything or nothing. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  const result = labelSelectorAsSelector(selector);
  if (!result.ok) return '<error>';
  const text = formatSelector(result.selector);
  return text === '' ? '<none>' : text;
}

/** The Deployment printer's own rendering: the selector string as is, `<invalid>` when it does not parse. */
export function selectorString(selector: LabelSelector | undefined): string {
  const result = labelSelectorAsSelector(selector);
  return result.ok ? formatSelector(result.selector) : '<invalid>';
}
