/** The data model of label selectors (apimachinery `labels` and `selection`). */

/** Selector operators, spelled as `selection.Operator` spells them. */
export const Operator = {
  DoesNotExist: '!',
  Equals: '=',
  DoubleEquals: '==',
  In: 'in',
  NotEquals: '!=',
  NotIn: 'notin',
  Exists: 'exists',
  GreaterThan: 'gt',
  LessThan: 'lt',
} as const;

/** One of the selector operators. */
export type Operator = (typeof Operator)[keyof typeof Operator];

/** Operators that take values, in upstream's order (used in its messages). */
export const BINARY_OPERATORS: readonly Operator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];

/** Operators that take no value. */
export const UNARY_OPERATORS: readonly Operator[] = ['exists', '!'];

/** One requirement: `key op values`. Values keep the order they were given in. */
export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

/**
 * A selector is the AND of its requirements (sorted by key); `nothing` matches no object at all
 * (what a null metav1.LabelSelector means).
 */
export type Selector =
  { readonly kind: 'requirements'; readonly requirements: readonly Requirement[] } | { readonly kind: 'nothing' };

/** A label map as objects carry it. */
export type Labels = Readonly<Record<string, string>>;

/** A selector, or the error text upstream would return instead. */
export type SelectorResult =
  { readonly ok: true; readonly selector: Selector } | { readonly ok: false; readonly error: string };
