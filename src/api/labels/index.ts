/** Label selectors exactly like Kubernetes: parse, match, print, convert and validate. */
export { lex, type ScannedItem, type Token } from './lexer.ts';
export { parseSelector } from './parser.ts';
export { formatRequirement, newRequirement, requirementMatches, type RequirementResult } from './requirement.ts';
export {
  EVERYTHING,
  formatSelector,
  isEverything,
  labelSelectorAsSelector,
  NOTHING,
  selectorFromSet,
  selectorMatches,
  sortRequirements,
} from './selector.ts';
export * from './types.ts';
export {
  type LabelSelectorValidationOptions,
  validateLabelName,
  validateLabels,
  validateLabelSelector,
} from './validate.ts';
